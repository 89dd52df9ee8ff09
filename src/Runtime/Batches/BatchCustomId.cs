using System.Text.RegularExpressions;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// A batch request's <c>custom_id</c>, derived from its cell key so a result maps back to its cell whatever order the
/// output comes in. Cell keys are 64 lowercase hex digits, which already fit Anthropic's <c>^[a-zA-Z0-9_-]{1,64}$</c>;
/// anything else is hashed into that shape.
/// </summary>
public static partial class BatchCustomId
{
    public static string For(string cellKey) => Allowed().IsMatch(cellKey) ? cellKey : ContentHash.OfText(cellKey);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex Allowed();
}
