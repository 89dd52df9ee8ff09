using ItemEval.Build.Arguments;

namespace ItemEval.Build.Running;

/// <summary>One build of the targets file: which targets, for which study, with which switches.</summary>
internal sealed record BuildRequest(IReadOnlyList<string> Targets, ResolvedStudy Study, BuildArguments Arguments, bool Yes);
