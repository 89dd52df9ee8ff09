using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Reads a model's <c>options:</c>. An option nothing reads (<c>batch: true</c>) used to be accepted and ignored,
/// so a study silently ran differently than its author meant: unknown keys and out-of-range values are errors.
/// </summary>
internal static class ModelOptionsSection
{
    public static IReadOnlyDictionary<string, string> Read(ConfigReader reader, YamlMappingNode model, string modelId)
    {
        var options = reader.ScalarMap(model, "options", $"model '{modelId}'");
        if (reader.Node(model, "options") is not YamlMappingNode)
        {
            return options;
        }

        var provider = modelId.Split('/', 2)[0];
        var what = $"the options of model '{modelId}'";
        var map = reader.Mapping(reader.Node(model, "options")!, what, ModelOption.NamesFor(provider))!;
        foreach (var option in ModelOption.All.Where(option => options.ContainsKey(option.Name) && (!option.MockOnly || provider == "mock")))
        {
            CheckValue(reader, map, option, $"model '{modelId}' options");
        }

        return options;
    }

    private static void CheckValue(ConfigReader reader, YamlMappingNode map, ModelOption option, string what)
    {
        switch (option.Value)
        {
            case OptionValue.WholeNumber:
                reader.Int(map, option.Name, what, (int)option.Min, (int)option.Max);
                break;
            case OptionValue.Number:
                reader.Double(map, option.Name, what, option.Min, option.Max, option.MinExclusive);
                break;
            case OptionValue.HttpUrl:
                var text = reader.String(map, option.Name, what);
                if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
                {
                    reader.Error(DiagnosticCodes.InvalidValue, $"{what}.{option.Name} must be an http:// or https:// URL, got '{text}'", reader.Node(map, option.Name)!);
                }

                break;
        }
    }
}
