using ItemEval.Build.Arguments;

namespace ItemEval.Build.Tests.Arguments;

public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parses_targets_and_options()
    {
        var arguments = CommandLine.Parse(["Grade", "--study", "compare", "--yes", "--policy", "worst-case", "--no-cache", "--binlog"], NoEnvironment);

        Assert.Equal(["Grade"], arguments.Targets);
        Assert.Equal("compare", arguments.Study);
        Assert.True(arguments.Yes);
        Assert.True(arguments.NoCache);
        Assert.Equal("worst-case", arguments.Policy);
        Assert.Equal("", arguments.BinaryLog);
        Assert.False(arguments.Help);
    }

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_defaults()
    {
        var environment = new Dictionary<string, string> { ["ITEMEVAL_STUDY"] = "from-env", ["STUDY"] = "generic", ["ITEMEVAL_POLICY"] = "worst-case", ["ITEMEVAL_YES"] = "1" };

        var fromEnvironment = CommandLine.Parse(["Export"], environment.GetValueOrDefault);
        var fromCommandLine = CommandLine.Parse(["Export", "--study", "cli", "--policy", "expected"], environment.GetValueOrDefault);
        var genericOnly = CommandLine.Parse(["Export"], name => name == "STUDY" ? "generic" : null);

        Assert.Equal(("from-env", "worst-case", true), (fromEnvironment.Study, fromEnvironment.Policy, fromEnvironment.Yes));
        Assert.Equal(("cli", "expected"), (fromCommandLine.Study, fromCommandLine.Policy));
        Assert.Equal(("generic", "expected", false, "minimal"), (genericOnly.Study, genericOnly.Policy, genericOnly.Yes, genericOnly.Verbosity));
    }

    [Fact]
    public void Data_roots_repeat_on_the_command_line_which_replaces_the_environments_list()
    {
        var list = string.Join(Path.PathSeparator, "/env/one", "/env/two");
        Func<string, string?> environment = name => name == "ITEMEVAL_DATA_ROOT" ? list : null;

        var fromEnvironment = CommandLine.Parse(["Export"], environment);
        var fromCommandLine = CommandLine.Parse(["Export", "--data-root", "/cli/one", "--data-root", "/cli/two"], environment);

        Assert.Equal(["/env/one", "/env/two"], fromEnvironment.DataRoots);
        Assert.Equal(["/cli/one", "/cli/two"], fromCommandLine.DataRoots);
        Assert.Empty(CommandLine.Parse(["Export"], NoEnvironment).DataRoots);
    }

    [Theory]
    [InlineData("--data-root")]
    [InlineData("--frobnicate")]
    [InlineData("--study")]
    [InlineData("--policy", "cheap")]
    [InlineData("--verbosity", "loud")]
    public void Mistakes_are_usage_errors(params string[] options)
    {
        Assert.Throws<UsageException>(() => CommandLine.Parse(["Export", .. options], NoEnvironment));
    }

    [Fact]
    public void No_target_means_help()
    {
        Assert.True(CommandLine.Parse([], NoEnvironment).Help);
        Assert.True(CommandLine.Parse(["Export", "-h"], NoEnvironment).Help);
    }

    [Fact]
    public void Every_listed_switch_is_parsed_and_any_other_is_a_usage_error()
    {
        foreach (var option in CommandLineSwitches.All)
        {
            string[] value = option.Value is null or "[file]" ? [] : [option.Name == "policy" ? "expected" : option.Name == "verbosity" ? "normal" : "x"];
            foreach (var spelling in new[] { "--" + option.Name }.Concat(option.Aliases.Select(alias => "-" + alias)))
            {
                Assert.Null(Record.Exception(() => CommandLine.Parse(["Export", spelling, .. value], NoEnvironment)));
            }
        }

        Assert.Throws<UsageException>(() => CommandLine.Parse(["Export", "--verbose"], NoEnvironment));
    }
}
