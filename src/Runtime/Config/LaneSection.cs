using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads a model's <c>lanes:</c> and checks the rules providers enforce (extended thinking budgets).</summary>
internal static class LaneSection
{
    public static IReadOnlyList<LaneConfig> Read(ConfigReader reader, YamlMappingNode model, string modelId, SourceLocation modelLocation)
    {
        var lanes = new List<LaneConfig>();
        foreach (var node in reader.Sequence(model, "lanes", $"model '{modelId}'", required: false))
        {
            if (reader.Mapping(node, $"a lane of model '{modelId}'", StudySchema.Lane) is not { } map)
            {
                continue;
            }

            var name = reader.String(map, "name", $"a lane of model '{modelId}'", required: true);
            var what = $"lane '{name}' of '{modelId}'";
            var parameters = Parameters(reader, map, what);
            if (name is null)
            {
                continue;
            }

            lanes.Add(new LaneConfig(name, parameters, reader.At(node)));
        }

        DuplicateNames.Check(reader, lanes, lane => lane.Name, lane => lane.Location, $"lane of '{modelId}'");
        if (lanes.Count > StudyLimits.LanesPerModel)
        {
            reader.Error(DiagnosticCodes.InvalidValue, $"model '{modelId}' has {lanes.Count} lanes; at most {StudyLimits.LanesPerModel} are allowed", reader.Node(model, "lanes")!);
        }

        return lanes.Count > 0 || reader.Node(model, "lanes") is not null
            ? lanes
            : [new LaneConfig("default", LaneParameters.None, modelLocation)];
    }

    /// <summary>A lane's parameters (a design lane, or a judge's <c>lane:</c>), checked against the providers' rules.</summary>
    public static LaneParameters Parameters(ConfigReader reader, YamlMappingNode map, string what)
    {
        var parameters = new LaneParameters(
            reader.Double(map, "temperature", what, 0, 2),
            reader.Double(map, "top_p", what, 0, 1, minExclusive: true),
            reader.Int(map, "max_tokens", what, 1, StudyLimits.MaxTokens),
            reader.Int(map, "seed", what, int.MinValue),
            reader.OneOf(map, "reasoning_effort", what, StudySchema.ReasoningEfforts),
            reader.Int(map, "thinking_budget", what, 1, StudyLimits.MaxTokens));
        CheckThinking(reader, map, what, parameters);
        return parameters;
    }

    /// <summary>Anthropic's rules: budget ≥ 1024 and below max_tokens; with thinking on, temperature may only be 1.</summary>
    private static void CheckThinking(ConfigReader reader, YamlMappingNode map, string what, LaneParameters parameters)
    {
        if (parameters.ThinkingBudget is not { } budget)
        {
            return;
        }

        var node = reader.Node(map, "thinking_budget")!;
        if (budget < 1024)
        {
            reader.Error(DiagnosticCodes.InvalidLane, $"{what}: thinking_budget must be at least 1024 tokens, got {budget}", node);
        }

        if (parameters.MaxTokens is not { } maxTokens)
        {
            reader.Error(DiagnosticCodes.InvalidLane, $"{what}: thinking_budget needs max_tokens (larger than the budget) in the same lane", node);
        }
        else if (budget >= maxTokens)
        {
            reader.Error(DiagnosticCodes.InvalidLane, $"{what}: thinking_budget ({budget}) must be below max_tokens ({maxTokens}); raise max_tokens", node);
        }

        if (parameters.Temperature is { } temperature && Math.Abs(temperature - 1) > 1e-9)
        {
            reader.Error(DiagnosticCodes.InvalidLane, $"{what}: with thinking_budget set, temperature may only be 1 (got {temperature}); remove it or set 1", reader.Node(map, "temperature")!);
        }
    }
}
