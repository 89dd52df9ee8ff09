namespace ItemEval.Runtime.Config;

/// <summary>A named way of calling one model (e.g. <c>t06</c>: temperature 0.6).</summary>
public sealed record LaneConfig(string Name, LaneParameters Parameters, SourceLocation Location);
