namespace ItemEval.Runtime.Store;

/// <summary>
/// Writes a small file by writing a temp file beside it and renaming it over the old one, so a reader in another
/// process sees the old content or the new, never half of it.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
