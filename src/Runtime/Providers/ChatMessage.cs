namespace ItemEval.Runtime.Providers;

/// <summary>One message of a chat request; Role is system, user or assistant.</summary>
public sealed record ChatMessage(string Role, string Content);
