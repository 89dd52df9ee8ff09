namespace ItemEval.Build;

/// <summary>A mistake on the command line: printed as one line with a hint, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
