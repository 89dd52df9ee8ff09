namespace ItemEval.EndToEnd.Tests;

/// <summary>
/// A shared study must not read the user's files: every path in study.yaml, after symbolic links, stays in the study
/// folder or a folder the user names with --data-root. Through the front end, as a user meets it.
/// </summary>
public sealed class StudyPathTests
{
    [Theory]
    [InlineData("path: prompts/direct.txt", "path: ../../secret.txt", @"study\.yaml\(39,13\): error IEV0112: template 'direct': \.\./\.\./secret\.txt leads outside")]
    [InlineData("path: prompts/direct.txt", "path: /etc/hostname", @"study\.yaml\(39,13\): error IEV0112: template 'direct': /etc/hostname leads outside")]
    [InlineData("system: prompts/system.txt", "system: ../../secret.txt", @"study\.yaml\(40,15\): error IEV0112: template 'direct' system prompt")]
    [InlineData("path: data/items.jsonl", "path: ../../../../etc/passwd\n    format: csv", @"study\.yaml\(8,11\): error IEV0112: dataset 'quiz': \.\./\.\./\.\./\.\./etc/passwd leads outside")]
    public void A_path_leading_out_of_the_study_folder_is_refused(string from, string to, string expected)
    {
        using var study = StudyWorkspace.CopyOf("example");
        File.WriteAllText(Path.Combine(study.Root, "secret.txt"), "the user's own file");
        study.Edit("study.yaml", text => text.Replace(from, to, StringComparison.Ordinal));

        var result = study.Build("Generate", "--yes");

        StudyFileErrorTests.AssertRefused(study, result, expected);
    }

    [Fact]
    public void A_symbolic_link_inside_the_study_folder_is_judged_by_where_it_leads()
    {
        using var study = StudyWorkspace.CopyOf("example");
        File.WriteAllText(Path.Combine(study.Root, "secret.txt"), "the user's own file");
        File.CreateSymbolicLink(Path.Combine(study.StudyDirectory, "prompts", "innocent.txt"), Path.Combine(study.Root, "secret.txt"));
        study.Edit("study.yaml", text => text.Replace("path: prompts/direct.txt", "path: prompts/innocent.txt", StringComparison.Ordinal));

        var result = study.Build("Generate", "--yes");

        StudyFileErrorTests.AssertRefused(study, result, @"study\.yaml\(39,13\): error IEV0112: template 'direct': prompts/innocent\.txt leads outside .*really .*secret\.txt");
    }

    [Fact]
    public void Data_outside_the_study_is_read_only_from_a_folder_named_with_data_root()
    {
        using var study = StudyWorkspace.CopyOf("example");
        var shared = Path.Combine(study.Root, "shared-data");
        Directory.CreateDirectory(shared);
        File.Move(Path.Combine(study.StudyDirectory, "data", "items.jsonl"), Path.Combine(shared, "items.jsonl"));
        study.Edit("study.yaml", text => text.Replace("path: data/items.jsonl", "path: ../../shared-data/items.jsonl", StringComparison.Ordinal));
        // The committed lock pins the old path; re-pinning is not what this test is about.
        File.Delete(Path.Combine(study.StudyDirectory, "datasets.lock.json"));

        var refused = study.Build("ExpandGrid");
        StudyFileErrorTests.AssertRefused(study, refused, @"study\.yaml\(8,11\): error IEV0112: dataset 'quiz'.*--data-root");

        var allowed = study.Build("ExpandGrid", "--data-root", shared);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    [Fact]
    public void A_data_root_that_does_not_exist_is_a_usage_error()
    {
        using var study = StudyWorkspace.CopyOf("example");

        var result = study.Build("ExpandGrid", "--data-root", Path.Combine(study.Root, "nowhere"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--data-root", result.Output, StringComparison.Ordinal);
    }
}
