using System.Net;
using System.Net.Sockets;

namespace ItemEval.EndToEnd.Tests.Providers;

/// <summary>
/// A model whose base_url answers nothing (a closed port, a wrong host) is given up after 30 s of refused attempts:
/// the cells not yet sent fail at once with a sentence saying what to check, instead of each trying five times.
/// </summary>
public sealed class UnreachableProviderTests
{
    [Fact]
    public async Task A_closed_port_fails_the_cells_not_yet_sent_at_once_and_says_to_check_the_base_url()
    {
        using var study = PaidExampleStudy.Create("unreachable");

        var run = await study.BuildAsync(["Generate", "--yes"], (_, _) => { }, new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_BASE_URL"] = $"http://127.0.0.1:{ClosedPort()}/v1",
        });

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("check the model's base_url and the network, then run again", run.Output, StringComparison.Ordinal);
        Assert.Contains($"0 provider call(s), 0 from cache, {PaidExampleStudy.Cells} never reached the provider", run.Output, StringComparison.Ordinal);
        // One error per condition (2 templates), and the summary table says Generate finished with them, not "Succeeded".
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\s*Generate\s+Finished, 2 errors", System.Text.RegularExpressions.RegexOptions.Multiline), run.Output);
        Assert.Equal(PaidExampleStudy.Cells, study.Query<int>("SELECT count(*) FROM solutions WHERE status = 'error'"));
        // max_concurrency 4: the cells started before the provider was given up tried five times each; every later one
        // was never sent.
        var notSent = study.Query<int>("SELECT count(*) FROM solutions WHERE error LIKE '%not sent: no connection to the provider%'");
        Assert.True(notSent >= PaidExampleStudy.Cells / 2, $"{notSent} of {PaidExampleStudy.Cells} cells failed without being sent\n{run}");
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM ledger"));
    }

    /// <summary>A port nothing listens on: bound by the system, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
