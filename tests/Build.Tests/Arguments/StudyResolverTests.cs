using ItemEval.Build.Arguments;

namespace ItemEval.Build.Tests.Arguments;

public sealed class StudyResolverTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "itemeval-front-" + Guid.NewGuid().ToString("N")[..8]);

    public StudyResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "studies", "alpha"));
        File.WriteAllText(Path.Combine(_root, "studies", "alpha", "study.yaml"), "name: alpha\n");
    }

    [Fact]
    public void A_name_a_folder_or_a_file_all_resolve_to_the_study_file()
    {
        var paths = new RepoPaths(_root);
        var expected = Path.Combine(_root, "studies", "alpha", "study.yaml");

        Assert.Equal(new ResolvedStudy("alpha", expected), StudyResolver.Resolve("alpha", paths));
        Assert.Equal(new ResolvedStudy("alpha", expected), StudyResolver.Resolve(Path.Combine(_root, "studies", "alpha"), paths));
        Assert.Equal(new ResolvedStudy("alpha", expected), StudyResolver.Resolve(expected, paths));
    }

    [Fact]
    public void An_unknown_study_lists_the_available_ones()
    {
        var error = Assert.Throws<UsageException>(() => StudyResolver.Resolve("beta", new RepoPaths(_root)));

        Assert.Contains("no study 'beta'", error.Message, StringComparison.Ordinal);
        Assert.Contains("available: alpha", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
