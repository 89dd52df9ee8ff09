using System.Diagnostics;

namespace ItemEval.Runtime.Stages;

/// <summary>Reports progress at most once a second (the first message and forced ones at once), so long runs show life without flooding logs.</summary>
internal sealed class ProgressTicker
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly IStageReporter _reporter;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private string? _last;

    public ProgressTicker(IStageReporter reporter) => _reporter = reporter;

    public void Tick(Func<string> message, bool force = false)
    {
        if (!force && _last is not null && _sinceLast.Elapsed < Interval)
        {
            return;
        }

        var text = message();
        if (text == _last)
        {
            return;
        }

        _sinceLast.Restart();
        _last = text;
        _reporter.Progress(text);
    }
}
