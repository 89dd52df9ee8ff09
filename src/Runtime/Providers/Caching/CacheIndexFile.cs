using System.Buffers.Text;

namespace ItemEval.Runtime.Providers.Caching;

/// <summary>
/// Reads one pack's index (<c>pack-*.idx</c>: a line <c>hash offset length</c> per record) into the cache's index. The
/// file is read in one go and parsed as bytes, with no string, split or decoder per line: at 100,000s of entries this
/// load is paid by every Generate (and Grade with judges) before its first call, however few calls it makes.
/// </summary>
/// <remarks>
/// The same lines count as before: three space-separated fields, a 64-digit hash, unsigned offset and length; zeros
/// ahead of a line (a line a crash left reserved but unwritten) are skipped; anything else is ignored, and a line a
/// crash cut short at the end names a range that reads back as a miss.
/// </remarks>
internal static class CacheIndexFile
{
    /// <summary>About how many entries index files of <paramref name="bytes"/> hold (a line is ~80 bytes): the dictionary is sized once.</summary>
    public static int EntriesAbout(long bytes) => (int)Math.Min(bytes / 72, 1 << 26);

    public static void ReadInto(Dictionary<CacheHash, CachePackEntry> index, string indexFile, string packPath)
    {
        var text = ReadShared(indexFile);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (TryParse(line.TrimStart((byte)0).TrimEnd((byte)'\r'), out var hash, out var offset, out var length))
            {
                index[hash] = new CachePackEntry(packPath, offset, length);
            }
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> line, out CacheHash hash, out long offset, out int length)
    {
        offset = 0;
        length = 0;
        hash = default;
        var first = line.IndexOf((byte)' ');
        if (first < 0 || !CacheHash.TryParse(line[..first], out hash))
        {
            return false;
        }

        var numbers = line[(first + 1)..];
        var second = numbers.IndexOf((byte)' ');
        return second >= 0
            && TryParseUnsigned(numbers[..second], out offset)
            && TryParseUnsigned(numbers[(second + 1)..], out long wide)
            && wide <= int.MaxValue
            && (length = (int)wide) >= 0;
    }

    // Digits only, as NumberStyles.None read them: no sign, no spaces (a further space means a fourth field).
    private static bool TryParseUnsigned(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        return !digits.IsEmpty
            && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && Utf8Parser.TryParse(digits, out value, out var consumed)
            && consumed == digits.Length;
    }

    /// <summary>The whole file as it is now; another process may be appending to it (hence the sharing).</summary>
    private static byte[] ReadShared(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[RandomAccess.GetLength(handle)];
        var read = 0;
        while (read < bytes.Length)
        {
            var got = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        return read == bytes.Length ? bytes : bytes[..read];
    }
}
