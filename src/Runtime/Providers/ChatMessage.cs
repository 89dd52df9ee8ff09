namespace ItemEval.Runtime.Providers;

/// <summary>One message of a chat request; Role is system, user or assistant.</summary>
/// <param name="SharedPrefix">
/// How many leading characters of <see cref="Content"/> many requests share (a judge prompt's rubric, item and
/// reference, before the judged answer): Anthropic marks them with <c>cache_control</c>; OpenAI caches prefixes by
/// itself. Null (the default, left out of cache keys) for a prompt with nothing worth caching.
/// </param>
public sealed record ChatMessage(string Role, string Content, int? SharedPrefix = null);
