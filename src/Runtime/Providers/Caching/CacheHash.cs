using System.Buffers.Binary;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// A cache key's SHA-256 as the index holds it: four 64-bit words instead of its 64-character hex string, so loading an
/// index of 100,000s of entries allocates no string per entry and compares and hashes 32 bytes.
/// </summary>
/// <remarks>
/// Only lower-case hex parses (what <see cref="Hashing.ContentHash"/> writes): the index matched lines by their exact
/// text before, and still matches exactly those.
/// </remarks>
internal readonly record struct CacheHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int HexLength = 64;

    public static bool TryParse(string hex, out CacheHash hash)
    {
        Span<byte> utf8 = stackalloc byte[HexLength];
        hash = default;
        if (hex.Length != HexLength)
        {
            return false;
        }

        for (var i = 0; i < HexLength; i++)
        {
            if (hex[i] > 0x7f)
            {
                return false;
            }

            utf8[i] = (byte)hex[i];
        }

        return TryParse(utf8, out hash);
    }

    /// <summary>Parses 64 lower-case hex digits given as UTF-8 bytes (an index line's first field).</summary>
    public static bool TryParse(ReadOnlySpan<byte> hex, out CacheHash hash)
    {
        hash = default;
        if (hex.Length != HexLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[HexLength / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Nibble(hex[2 * i]);
            var low = Nibble(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        hash = new CacheHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[HexLength / 2];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], D);
        return Convert.ToHexStringLower(bytes);
    }

    // The words are SHA-256 output: any one of them is already a uniformly spread hash code.
    public override int GetHashCode() => (int)A;

    public bool Equals(CacheHash other) => A == other.A && B == other.B && C == other.C && D == other.D;

    private static int Nibble(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => -1,
    };
}
