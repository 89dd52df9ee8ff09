using ItemEval.Runtime.Config;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Grading;

public sealed class GraderRegistryTests
{
    [Fact]
    public void The_study_schema_takes_its_grader_types_from_the_registry()
    {
        Assert.Equal(GraderRegistry.Default.Types, StudySchema.GraderTypes);
    }

    [Fact]
    public void An_unknown_grader_type_in_study_yaml_is_refused_with_the_registry_types()
    {
        using var study = new TempStudy();
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("type: numeric", "type: numerik", StringComparison.Ordinal));

        var error = Assert.Throws<StudyException>(() => LoadedStudy.Load(study.Context()));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains("did you mean 'numeric'?", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith($"types are {string.Join(", ", GraderRegistry.Default.Types)}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_an_unknown_type_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => GraderRegistry.Default.Get("judge"));

        Assert.Contains("types are compliance, exact, multiple_choice, numeric, pairwise, regex, rubric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_replaces_the_grader_of_its_type_and_keeps_the_others()
    {
        var judge = new ScriptedGrader("NUMERIC", (_, _, _) => Task.FromResult(ScriptedGrader.Pass));

        var registry = GraderRegistry.Default.With(judge);

        Assert.Same(judge, registry.Get("numeric"));
        Assert.Equal(GraderRegistry.Default.Types, registry.Types);
        Assert.IsType<ScorerGrader>(registry.Get("exact"));
    }
}
