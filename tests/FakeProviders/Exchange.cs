using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ItemEval.FakeProviders;

/// <summary>What a wire-format handler gets: the parsed request, the server's switches, and how to answer.</summary>
internal sealed record Exchange(HttpContext Context, JsonObject Body, FakeBehavior Behavior, string LastUserMessage);
