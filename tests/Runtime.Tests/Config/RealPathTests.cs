using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Config;

public sealed class RealPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_link_is_followed_wherever_it_sits_in_the_path()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_folder.Path, "outside")).FullName;
        var study = Directory.CreateDirectory(Path.Combine(_folder.Path, "study")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(study, "data"), outside);

        Assert.Equal(Path.Combine(RealPath.Of(outside), "items.jsonl"), RealPath.Of(Path.Combine(study, "data", "items.jsonl")));
    }

    [Fact]
    public void Dot_dot_after_a_link_leaves_the_links_target_not_the_links_folder()
    {
        var deep = Directory.CreateDirectory(Path.Combine(_folder.Path, "elsewhere", "deep")).FullName;
        var study = Directory.CreateDirectory(Path.Combine(_folder.Path, "study")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(study, "link"), deep);

        // Lexically study/link/../x is study/x; the file system reads elsewhere/x.
        Assert.Equal(Path.Combine(RealPath.Of(Path.Combine(_folder.Path, "elsewhere")), "x"), RealPath.Of(Path.Combine(study, "link", "..", "x")));
    }

    [Fact]
    public void A_loop_of_links_is_an_error_not_a_hang()
    {
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "a"), Path.Combine(_folder.Path, "b"));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "b"), Path.Combine(_folder.Path, "a"));

        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(_folder.Path, "a")));
    }

    public void Dispose() => _folder.Dispose();
}
