namespace ItemEval.Runtime.Budget.Gate;

/// <summary>
/// The terminal the front end runs in (tasks run in its process). Standard input redirected — CI, a pipe, a test
/// harness — means nobody can answer, so the gate fails with exit 3 rather than wait for input that never comes.
/// </summary>
public sealed class ConsoleConfirmation : IConfirmation
{
    public static readonly ConsoleConfirmation Instance = new();

    public bool HasTerminal => !Console.IsInputRedirected;

    public bool Ask(string question)
    {
        Console.Out.Write($"{question}. Proceed? [y/N] ");
        Console.Out.Flush();
        var answer = Console.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
