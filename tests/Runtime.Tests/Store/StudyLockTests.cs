using ItemEval.Runtime.Config;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class StudyLockTests
{
    [Fact]
    public void A_second_writer_is_refused_with_a_clear_message_and_admitted_after_release()
    {
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-lock-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (StudyLock.Acquire(directory, "demo", "Generate"))
            {
                var refused = Assert.Throws<StudyException>(() => StudyLock.Acquire(directory, "demo", "Generate"));
                var diagnostic = Assert.Single(refused.Diagnostics);
                Assert.Equal(DiagnosticCodes.StudyLocked, diagnostic.Code);
                Assert.Contains("being run by another process", diagnostic.Message, StringComparison.Ordinal);
                Assert.Contains($"Generate, pid {Environment.ProcessId}", diagnostic.Message, StringComparison.Ordinal);
            }

            using var again = StudyLock.Acquire(directory, "demo", "Generate");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
