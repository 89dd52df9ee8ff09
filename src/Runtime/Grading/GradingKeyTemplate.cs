using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Grading;

/// <summary>
/// A grading key's canonical text with the cell key left as a hole: for one grader only the cell changes, so the rest
/// is serialized once and each key is SHA-256 of head + cell key + tail. The bytes hashed are exactly
/// <see cref="ContentHash.Of"/>'s (the text is cut out of that very serialization), so every key stays what
/// <see cref="GradingKeys.For"/> computes; Grade keys every solution new to its plan with it (all of them from clean),
/// where serializing the parts to JSON per key was most of the cost.
/// </summary>
internal sealed class GradingKeyTemplate
{
    /// <summary>A stand-in the serializer writes verbatim (plain ASCII, no escaping) and no real part contains.</summary>
    public const string CellSentinel = "ItemEvalCellKeyHole";

    private readonly byte[] _head;
    private readonly byte[] _tail;

    private GradingKeyTemplate(byte[] head, byte[] tail)
    {
        _head = head;
        _tail = tail;
    }

    /// <summary>The template of <paramref name="parts"/> (serialized with the sentinel as the cell), or null when the
    /// sentinel is not found exactly once: the caller then hashes every key in full.</summary>
    public static GradingKeyTemplate? TryCreate(object parts)
    {
        var text = ContentHash.CanonicalText(parts);
        var at = text.IndexOf(CellSentinel, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(CellSentinel, at + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        return new GradingKeyTemplate(Encoding.UTF8.GetBytes(text[..at]), Encoding.UTF8.GetBytes(text[(at + CellSentinel.Length)..]));
    }

    /// <summary>The grading key of the cell, or null when the cell key is not plain ASCII letters and digits (JSON might
    /// escape it, so only the full serialization is sure to match).</summary>
    public string? Key(string cellKey)
    {
        foreach (var c in cellKey)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        var length = _head.Length + cellKey.Length + _tail.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan();
            _head.CopyTo(buffer);
            var at = _head.Length + Encoding.ASCII.GetBytes(cellKey, buffer[_head.Length..]);
            _tail.CopyTo(buffer[at..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..(at + _tail.Length)], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
