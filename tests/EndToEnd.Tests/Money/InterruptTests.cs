using System.Diagnostics;
using System.Text.RegularExpressions;
using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Money;

/// <summary>
/// Ctrl-C, and SIGTERM (a CI runner's cancel or timeout, <c>timeout</c>, <c>docker stop</c>), through the front end
/// against a provider that bills every request it starts working on.
/// </summary>
public sealed class InterruptTests : IAsyncLifetime
{
    private const int Cells = 40;
    private FakeProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_first_ctrl_c_or_sigterm_stores_the_calls_in_flight_and_the_next_run_pays_for_nothing_twice(string signal)
    {
        if (signal == "INT")
        {
            CtrlC.AssertDeliverable();
        }

        using var study = PaidStudy();
        _server.Behavior.Latency = TimeSpan.FromMilliseconds(300);
        var interrupted = 0;

        var stopped = await study.BuildAsync(["Generate", "--yes"], (process, line) =>
        {
            if (Regex.IsMatch(line, $@"\b[1-9]\d*/{Cells} cells") && Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                Send(signal, process);
            }
        }, Environment());

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.Contains("Cancelled: finished cells are kept", stopped.Output, StringComparison.Ordinal);
        var sentBeforeStop = _server.BilledRequests.Count;
        Assert.InRange(sentBeforeStop, 1, Cells - 1);
        // Every request the provider received (and bills) was answered and stored: none was abandoned.
        Assert.Equal(sentBeforeStop, study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'done'"));
        Assert.Equal(sentBeforeStop, study.Query<int>("SELECT count(*) FROM ledger"));

        var resumed = await study.BuildAsync(["Generate", "--yes"], (_, _) => { }, Environment());

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'done'"));
        // The provider's own invoice: every prompt billed exactly once over both runs.
        var billsPerPrompt = _server.BilledRequests.GroupBy(bill => bill.Prompt).Select(group => group.Count()).ToList();
        Assert.Equal(Cells, billsPerPrompt.Count);
        Assert.All(billsPerPrompt, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_run_killed_with_paid_calls_in_flight_has_them_in_the_ledger_once_the_study_is_next_opened()
    {
        using var study = PaidStudy();
        _server.Behavior.Latency = TimeSpan.FromMilliseconds(300);
        var killed = 0;

        var stopped = await study.BuildAsync(["Generate", "--yes"], (process, line) =>
        {
            if (Regex.IsMatch(line, $@"\b[1-9]\d*/{Cells} cells") && Interlocked.Exchange(ref killed, 1) == 0)
            {
                Send("KILL", process);
            }
        }, Environment());

        Assert.NotEqual(0, stopped.ExitCode);
        var billedAtKill = _server.BilledRequests.Count;
        var storedAtKill = study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'done'");
        Assert.True(billedAtKill > storedAtKill, $"no call was in flight at the kill: {billedAtKill} billed, {storedAtKill} stored");

        // The next target to open the study (here Status) books the killed run's calls in flight.
        var status = await study.BuildAsync(["Status"], (_, _) => { }, Environment());

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("paid call(s) in flight, which the provider may bill: booked in the ledger as unconfirmed", status.Output, StringComparison.Ordinal);
        var ledgerRows = study.Query<int>("SELECT count(*) FROM ledger");

        // The ledger never trails the provider's invoice; it may lead it only by an attempt journalled in the
        // microseconds before its request left (at most the calls in flight: max_concurrency 4).
        Assert.InRange(ledgerRows, billedAtKill, billedAtKill + 4);
        Assert.Equal(ledgerRows - storedAtKill, study.Query<int>("SELECT count(*) FROM ledger WHERE unconfirmed"));

        var resumed = await study.BuildAsync(["Export", "--yes"], (_, _) => { }, Environment());

        // The resumed run answers every cell and the books balance with the booked attempts in them.
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("books balance", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(Cells, study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'done'"));
        Assert.InRange(study.Query<int>("SELECT count(*) FROM ledger"), _server.BilledRequests.Count, _server.BilledRequests.Count + 4);
    }

    private static void Send(string signal, Process process)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["OPENAI_API_KEY"] = "test-key",
        ["OPENAI_BASE_URL"] = _server.BaseUrl + "/v1",
    };

    private static StudyWorkspace PaidStudy() => PaidExampleStudy.Create("paid");
}
