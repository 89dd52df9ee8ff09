using ItemEval.Build.Arguments;

namespace ItemEval.Build.Tests.Arguments;

public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parses_targets_and_options()
    {
        var arguments = CommandLine.Parse(["Grade", "--study", "compare", "--yes", "--estimate", "worst-case", "--no-cache", "--binlog"], NoEnvironment);

        Assert.Equal(["Grade"], arguments.Targets);
        Assert.Equal("compare", arguments.Study);
        Assert.True(arguments.Yes);
        Assert.True(arguments.NoCache);
        Assert.Equal("worst-case", arguments.Estimate);
        Assert.Equal("", arguments.BinaryLog);
        Assert.False(arguments.Help);
    }

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_defaults()
    {
        var environment = new Dictionary<string, string> { ["ITEMEVAL_STUDY"] = "from-env", ["STUDY"] = "generic", ["ITEMEVAL_ESTIMATE"] = "worst-case", ["ITEMEVAL_YES"] = "1" };

        var fromEnvironment = CommandLine.Parse(["Export"], environment.GetValueOrDefault);
        var fromCommandLine = CommandLine.Parse(["Export", "--study", "cli", "--estimate", "expected"], environment.GetValueOrDefault);
        var genericOnly = CommandLine.Parse(["Export"], name => name == "STUDY" ? "generic" : null);

        Assert.Equal(("from-env", "worst-case", true), (fromEnvironment.Study, fromEnvironment.Estimate, fromEnvironment.Yes));
        Assert.Equal(("cli", "expected"), (fromCommandLine.Study, fromCommandLine.Estimate));
        Assert.Equal(("generic", "expected", false, "minimal"), (genericOnly.Study, genericOnly.Estimate, genericOnly.Yes, genericOnly.Verbosity));
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
    [InlineData("--policy", "worst-case")]
    [InlineData("--estimate", "cheap")]
    [InlineData("--verbosity", "loud")]
    public void Mistakes_are_usage_errors(params string[] options)
    {
        Assert.Throws<UsageException>(() => CommandLine.Parse(["Export", .. options], NoEnvironment));
    }

    [Fact]
    public void The_run_policy_is_left_to_the_study_unless_given_and_the_estimate_moved_to_its_own_switch()
    {
        var environment = new Dictionary<string, string> { ["ITEMEVAL_POLICY"] = "full-batch" };

        var unset = CommandLine.Parse(["Generate"], NoEnvironment);
        var fromEnvironment = CommandLine.Parse(["Generate"], environment.GetValueOrDefault);
        var fromCommandLine = CommandLine.Parse(["Generate", "--policy", "dev", "--estimate", "worst-case", "--refresh-pricing"], environment.GetValueOrDefault);

        Assert.Equal((null, "expected", false), (unset.Policy, unset.Estimate, unset.RefreshPricing));
        Assert.Equal("full-batch", fromEnvironment.Policy);
        Assert.Equal(("dev", "worst-case", true), (fromCommandLine.Policy, fromCommandLine.Estimate, fromCommandLine.RefreshPricing));
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
            string[] value = option.Value is null or "[file]" ? [] : [option.Name == "policy" ? "dev" : option.Name == "estimate" ? "expected" : option.Name == "verbosity" ? "normal" : "x"];
            foreach (var spelling in new[] { "--" + option.Name }.Concat(option.Aliases.Select(alias => "-" + alias)))
            {
                Assert.Null(Record.Exception(() => CommandLine.Parse(["Export", spelling, .. value], NoEnvironment)));
            }
        }

        Assert.Throws<UsageException>(() => CommandLine.Parse(["Export", "--verbose"], NoEnvironment));
    }
}
