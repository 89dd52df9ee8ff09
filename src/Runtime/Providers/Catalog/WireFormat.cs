namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>Which client speaks to a provider.</summary>
public enum WireFormat
{
    Mock,
    OpenAIChat,
    AnthropicMessages,
    GeminiGenerateContent,
}
