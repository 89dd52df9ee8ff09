namespace ItemEval.Runtime.Budget.Policies;

/// <summary>
/// What a run policy does to the study's <c>batch:</c> setting (issue 13's table): <c>dev</c> never batches (a pilot
/// wants answers now), <c>full-interactive</c> batches only where the study says <c>batch: true</c>, and
/// <c>full-batch</c> batches wherever the provider can (<c>auto</c>). The batch executor applies it with
/// <see cref="PolicyBatchExtensions.Apply"/> to the value the study wrote.
/// </summary>
public enum PolicyBatch
{
    /// <summary>Interactive calls whatever the study says.</summary>
    Off,

    /// <summary>Interactive unless the study says <c>batch: true</c>.</summary>
    OnlyWhereStudySaysTrue,

    /// <summary>Batch wherever the provider has a batch API (<c>batch: auto</c>).</summary>
    Auto,
}

public static class PolicyBatchExtensions
{
    /// <summary>The study's batch value (<c>auto</c>, <c>true</c>, <c>false</c>; null when unset) as this policy runs it.</summary>
    public static string Apply(this PolicyBatch policy, string? studyBatch) => policy switch
    {
        PolicyBatch.Off => "false",
        PolicyBatch.OnlyWhereStudySaysTrue => string.Equals(studyBatch, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false",
        _ => "auto",
    };
}
