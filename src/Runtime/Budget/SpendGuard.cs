using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// The hard cap while calls are in flight: once actual spend (ledger plus this run) reaches <c>max_usd</c>, no new call
/// starts. The estimate can be wrong; this cannot be talked past.
/// </summary>
public sealed class SpendGuard
{
    private readonly decimal? _cap;
    private readonly object _gate = new();
    private decimal _spent;

    public SpendGuard(decimal? cap, decimal spentBefore)
    {
        _cap = cap;
        _spent = spentBefore;
    }

    public decimal Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    public void Add(decimal usd)
    {
        lock (_gate)
        {
            _spent += usd;
        }
    }

    public void ThrowIfExhausted(SourceLocation? location)
    {
        if (_cap is not { } cap || Spent < cap)
        {
            return;
        }

        throw new StudyException(Diagnostic.Error(
            DiagnosticCodes.OverBudget,
            $"stopped: actual spend ${Spent:0.0000} reached budget.max_usd ${cap:0.00##}; finished cells are kept — raise max_usd to continue",
            location));
    }
}
