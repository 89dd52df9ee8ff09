namespace ItemEval.Build.Tests;

/// <summary>The precompiled task assembly runs only while it is at least as new as every assembly of the plain build.</summary>
public sealed class TaskAssemblyChoiceTests : IDisposable
{
    private static readonly DateTime Earlier = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Earlier.AddMinutes(5);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "itemeval-r2r-" + Guid.NewGuid().ToString("N")[..8]);

    private string Plain => Path.Combine(_root, "Release", "net10.0");

    private string Precompiled => Path.Combine(_root, "ReadyToRun");

    [Fact]
    public void The_precompiled_copy_runs_when_it_is_as_new_as_the_plain_build()
    {
        Write(Plain, "ItemEval.Tasks.dll", Earlier);
        Write(Plain, "ItemEval.Runtime.dll", Earlier);
        Write(Precompiled, "ItemEval.Tasks.dll", Later);

        Assert.Equal(Path.Combine(Precompiled, "ItemEval.Tasks.dll"), TaskAssemblyChoice.Choose(Plain, Precompiled));
    }

    [Fact]
    public void A_dependency_rebuilt_after_the_copy_makes_the_plain_build_run()
    {
        // The runtime assembly rebuilt by a plain `dotnet build` after build.sh precompiled: the task assembly itself is older.
        Write(Plain, "ItemEval.Tasks.dll", Earlier);
        Write(Precompiled, "ItemEval.Tasks.dll", Earlier.AddMinutes(1));
        Write(Plain, "ItemEval.Runtime.dll", Later);

        Assert.Equal(Path.Combine(Plain, "ItemEval.Tasks.dll"), TaskAssemblyChoice.Choose(Plain, Precompiled));
    }

    [Fact]
    public void Without_a_copy_or_in_a_configuration_without_one_the_plain_build_runs()
    {
        Write(Plain, "ItemEval.Tasks.dll", Earlier);

        Assert.Equal(Path.Combine(Plain, "ItemEval.Tasks.dll"), TaskAssemblyChoice.Choose(Plain, Precompiled));
        Write(Precompiled, "ItemEval.Tasks.dll", Later);
        Assert.Equal(Path.Combine(Plain, "ItemEval.Tasks.dll"), TaskAssemblyChoice.Choose(Plain, precompiled: null));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static void Write(string directory, string name, DateTime at)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name);
        File.WriteAllText(file, "");
        File.SetLastWriteTimeUtc(file, at);
    }
}
