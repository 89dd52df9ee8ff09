using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Providers;

/// <summary>Requests for provider client tests.</summary>
internal static class Requests
{
    public static ModelRequest Ask(string model, LaneParameters parameters, string question = "What is 6 x 7?") =>
        new(model, [new ChatMessage("system", "Be brief."), new ChatMessage("user", question)], parameters, 1, new Dictionary<string, string>());
}
