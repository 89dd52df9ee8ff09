using System.Globalization;
using ItemEval.Runtime.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// A price table of the user's own (<c>budget.pricing_path</c>), YAML in the shape of <c>budget.prices</c>:
/// <code>
/// compiled: 2026-11-30            # optional; else the file's modification time
/// models:
///   openai/gpt-4o-mini: {input: 0.15, output: 0.6, cache_read: 0.075}
/// batch_discount: {openai: 0.5}   # optional
/// </code>
/// Errors point at the table's own line and column.
/// </summary>
public static class UserPriceTable
{
    private static readonly string[] Keys = ["compiled", "models", "batch_discount"];

    public static PriceCatalog Load(string path, SourceLocation? blame)
    {
        if (!File.Exists(path))
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.MissingFile, $"budget.pricing_path names {path}, which does not exist: create it (see docs/budget.md) or remove the key", blame));
        }

        var reader = new ConfigReader(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException error)
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.YamlSyntax, $"not valid YAML: {error.Message}", new SourceLocation(path, (int)error.Start.Line, (int)error.Start.Column)));
        }

        if (stream.Documents.Count == 0 || reader.Mapping(stream.Documents[0].RootNode, "the price table", Keys) is not { } root)
        {
            throw new StudyException(reader.Diagnostics.Count > 0 ? reader.Diagnostics : [Diagnostic.Error(DiagnosticCodes.WrongType, "the price table must be a mapping with models:", new SourceLocation(path, 1, 1))]);
        }

        var models = reader.Node(root, "models") is { } modelsNode ? PriceMapSection.Read(reader, modelsNode, "models") : new Dictionary<string, ModelPrice>();
        var discounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (provider, text) in reader.ScalarMap(root, "batch_discount", "the price table"))
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var discount) && discount is >= 0 and <= 1)
            {
                discounts[provider] = discount;
            }
            else
            {
                reader.Error(DiagnosticCodes.InvalidValue, $"batch_discount.{provider} must be a share of list price between 0 and 1, got '{text}'", root);
            }
        }

        var compiled = reader.String(root, "compiled", "the price table");
        DateTimeOffset asOf = File.GetLastWriteTimeUtc(path);
        if (compiled is not null && !DateTimeOffset.TryParseExact(compiled, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out asOf))
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"compiled must be a date like 2026-11-30, got '{compiled}'", reader.Node(root, "compiled")!);
        }

        if (reader.Diagnostics.Count > 0)
        {
            throw new StudyException(reader.Diagnostics);
        }

        return new PriceCatalog($"price table {Path.GetFileName(path)}", asOf, models, discounts);
    }
}
