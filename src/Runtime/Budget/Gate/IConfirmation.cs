namespace ItemEval.Runtime.Budget.Gate;

/// <summary>Someone who can be asked before money is spent: a person at a terminal, or nobody (CI, a pipe).</summary>
public interface IConfirmation
{
    bool HasTerminal { get; }

    /// <summary>Asks <c>Proceed? [y/N]</c>; true only for an explicit yes.</summary>
    bool Ask(string question);
}
