namespace ItemEval.Runtime.Config;

/// <summary>
/// The path with every symbolic link followed, the way POSIX <c>realpath</c> does it: a <c>..</c> after a link goes
/// to the parent of the link's target. A lexical <see cref="Path.GetFullPath(string)"/> would let a link inside the
/// study folder point anywhere. Parts that do not exist are kept as written.
/// </summary>
public static class RealPath
{
    // The limit Linux uses (MAXSYMLINKS): a loop of links must end in an error, not hang.
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full)!;
        var pending = new LinkedList<string>(Parts(full[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }

            // The target's parts replace this one; a relative target is read from the link's own folder.
            foreach (var targetPart in Parts(target[Path.GetPathRoot(target)!.Length..]).Reverse())
            {
                pending.AddFirst(targetPart);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
            }
        }

        return current;
    }

    private static string[] Parts(string path) => path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.None);
}
