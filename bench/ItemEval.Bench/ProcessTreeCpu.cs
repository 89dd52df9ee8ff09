using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// The CPU time (user + system) a process and every process below it have used so far, read from Linux's /proc:
/// each live process's own time plus the time of the children it has already reaped (a git probe, a rebuild of the
/// front end). Sampled while a front-end run is still going, to split its CPU by target.
/// </summary>
internal static class ProcessTreeCpu
{
    // /proc/<pid>/stat counts in clock ticks; Linux reports USER_HZ = 100 to user space on every architecture.
    private const double TicksPerSecond = 100;

    public static double Seconds(int pid)
    {
        var ticks = 0L;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            ticks += Ticks(current);
            foreach (var child in Children(current))
            {
                pending.Push(child);
            }
        }

        return ticks / TicksPerSecond;
    }

    private static long Ticks(int pid)
    {
        try
        {
            // The command name (field 2) may hold spaces and parentheses: the fields after it start past its last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // Fields 14–17 of stat(5) (utime, stime, cutime, cstime) are 12–15 here, counting from field 3.
            return fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0; // exited between the listing and the read: its time is in its parent's reaped children
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return threads.SelectMany(thread =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(thread, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }).Select(child => int.Parse(child, CultureInfo.InvariantCulture)).Distinct();
    }
}
