using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Finds the <c>{</c> or <c>[</c> a YAML text never closes. YamlDotNet fails on such a text with a bare
/// InvalidOperationException that carries no position, so the loader asks here where the mistake is.
/// </summary>
internal static class UnclosedFlow
{
    /// <summary>The outermost flow-start token left open (<see cref="FlowMappingStart"/> or <see cref="FlowSequenceStart"/>), or null.</summary>
    public static Token? Find(string yamlText)
    {
        var open = new Stack<Token>();
        var scanner = new Scanner(new StringReader(yamlText));
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case FlowMappingStart or FlowSequenceStart:
                        open.Push(scanner.Current);
                        break;
                    case FlowMappingEnd or FlowSequenceEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception error) when (error is YamlException or InvalidOperationException)
        {
            // The scanner stops where the parser did; what is still open at that point is the culprit.
        }

        // The outermost bracket still open is the one the author forgot to close.
        return open.Count > 0 ? open.Last() : null;
    }
}
