using Microsoft.Build.Framework;

namespace ItemEval.Build.Logging;

/// <summary>
/// Shows a stage's progress as it runs (its high-importance messages, under a header per public target), prints
/// warnings and errors in canonical form, and records what the summary table and the exit code need.
/// </summary>
internal sealed class ProgressLogger : ILogger
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly Dictionary<string, DateTime> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly List<string> _errorCodes = [];
    private readonly Dictionary<string, int> _errorsByTarget = new(StringComparer.Ordinal);
    private string? _headerShownFor;

    public ProgressLogger(TextWriter output, TextWriter error, LoggerVerbosity verbosity)
    {
        _out = output;
        _error = error;
        Verbosity = verbosity;
    }

    public LoggerVerbosity Verbosity { get; set; }

    public string? Parameters { get; set; }

    public IReadOnlyList<string> ErrorCodes => _errorCodes;

    public IReadOnlyDictionary<string, TargetOutcome> Outcomes => _outcomes;

    public void Initialize(IEventSource eventSource)
    {
        eventSource.TargetStarted += (_, e) => _started[e.TargetName] = e.Timestamp;
        eventSource.TargetFinished += (_, e) => Finished(e);
        eventSource.MessageRaised += (_, e) => Message(e);
        eventSource.WarningRaised += (_, e) => Write(_out, DiagnosticFormat.Canonical(e.File, e.LineNumber, e.ColumnNumber, "warning", e.Code, e.Message));
        eventSource.ErrorRaised += (_, e) =>
        {
            _errorCodes.Add(e.Code ?? "");
            if (CurrentPublicTarget() is { } target)
            {
                _errorsByTarget[target] = _errorsByTarget.GetValueOrDefault(target) + 1;
            }

            Write(_error, DiagnosticFormat.Canonical(e.File, e.LineNumber, e.ColumnNumber, "error", e.Code, e.Message));
        };
    }

    public void Shutdown()
    {
    }

    private void Message(BuildMessageEventArgs e)
    {
        if (e is TargetSkippedEventArgs skipped)
        {
            if (skipped.SkipReason == TargetSkipReason.OutputsUpToDate && skipped.TargetName is { } name)
            {
                _outcomes[name] = new TargetOutcome(name, TargetStatus.UpToDate, TimeSpan.Zero);
            }

            return;
        }

        var show = e.Importance == MessageImportance.High
            || (e.Importance == MessageImportance.Normal && Verbosity >= LoggerVerbosity.Detailed)
            || Verbosity >= LoggerVerbosity.Diagnostic;
        if (!show || Verbosity == LoggerVerbosity.Quiet || e.SenderName is "MSBuild")
        {
            return;
        }

        if (e is TaskCommandLineEventArgs)
        {
            return;
        }

        var target = CurrentPublicTarget();
        if (target is not null && _headerShownFor != target)
        {
            _headerShownFor = target;
            Write(_out, $"▶ {target}");
        }

        Write(_out, "  " + e.Message);
    }

    private void Finished(TargetFinishedEventArgs e)
    {
        if (e.TargetName.StartsWith('_'))
        {
            return;
        }

        if (_outcomes.TryGetValue(e.TargetName, out var known) && known.Status == TargetStatus.UpToDate)
        {
            return;
        }

        var duration = _started.TryGetValue(e.TargetName, out var start) ? e.Timestamp - start : TimeSpan.Zero;
        var errors = _errorsByTarget.GetValueOrDefault(e.TargetName);
        var status = !e.Succeeded ? TargetStatus.Failed : errors > 0 ? TargetStatus.FinishedWithErrors : TargetStatus.Succeeded;
        _outcomes[e.TargetName] = new TargetOutcome(e.TargetName, status, duration, errors);
    }

    private string? CurrentPublicTarget() =>
        _started.Where(pair => !pair.Key.StartsWith('_') && !_outcomes.ContainsKey(pair.Key)).OrderByDescending(pair => pair.Value).Select(pair => pair.Key).FirstOrDefault();

    private static void Write(TextWriter writer, string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
