using System.Text.Json;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// Where a fetched price catalog is kept, per user (all studies share it): <c>ITEMEVAL_CACHE_HOME</c>, else
/// <c>$XDG_CACHE_HOME/itemeval</c>, else the platform's cache folder (<c>~/.cache/itemeval</c>, <c>~/Library/Caches/ItemEval</c>,
/// <c>%LOCALAPPDATA%\ItemEval\cache</c>). The file holds OpenRouter's response as fetched and when it was fetched.
/// </summary>
public sealed class PricingCache(string directory)
{
    public string File => Path.Combine(directory, "pricing", "openrouter-models.json");

    public static PricingCache For(IEnvironment environment) => new(Directory(environment));

    public static string Directory(IEnvironment environment)
    {
        if (environment.Get("ITEMEVAL_CACHE_HOME") is { } own)
        {
            return own;
        }

        if (environment.Get("XDG_CACHE_HOME") is { } xdg)
        {
            return Path.Combine(xdg, "itemeval");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ItemEval", "cache");
        }

        return OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches", "ItemEval") : Path.Combine(home, ".cache", "itemeval");
    }

    public PriceCatalog? Read()
    {
        if (!System.IO.File.Exists(File))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File));
            var fetchedAt = document.RootElement.GetProperty("fetched_at").GetDateTimeOffset();
            return OpenRouterCatalog.Parse(document.RootElement.GetProperty("response"), fetchedAt);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A damaged cache is as good as none: the packaged table still prices every study, and a refresh rewrites it.
            return null;
        }
    }

    public void Write(JsonElement response, DateTimeOffset fetchedAt)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        var json = JsonSerializer.Serialize(new { fetched_at = fetchedAt, response });
        AtomicFile.WriteAllText(File, json);
    }
}
