using ItemEval.Runtime.Config;

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
    /// <summary>
    /// The batch mode a model runs under: the study's own for it (<see cref="BatchConfig.For"/>) as this policy lets it.
    /// <c>full-batch</c> turns <c>false</c> (or unset) into <c>auto</c>, but keeps a model's explicit <c>true</c>.
    /// </summary>
    public static BatchMode Apply(this PolicyBatch policy, BatchMode study) => policy switch
    {
        PolicyBatch.Off => BatchMode.False,
        PolicyBatch.OnlyWhereStudySaysTrue => study == BatchMode.True ? BatchMode.True : BatchMode.False,
        _ => study == BatchMode.True ? BatchMode.True : BatchMode.Auto,
    };
}
