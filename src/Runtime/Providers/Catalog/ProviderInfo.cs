namespace ItemEval.Runtime.Providers.Catalog;

/// <summary>How to reach one provider: its wire format, key variables (first set wins), base-URL variable and default.</summary>
/// <param name="KeyRequired">False for local servers (vLLM, Ollama) that take any key or none.</param>
public sealed record ProviderInfo(string Name, WireFormat Format, IReadOnlyList<string> KeyVariables, bool KeyRequired, string BaseUrlVariable, string DefaultBaseUrl);
