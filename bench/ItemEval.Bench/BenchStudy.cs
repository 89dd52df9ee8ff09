using System.Globalization;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// A study in a temp folder, as a user writes one: <c>items</c> arithmetic questions, one template, and OpenAI-compatible
/// models whose <c>base_url</c> is the fake provider, with <c>max_concurrency</c> and with or without an <c>rpm</c> option.
/// </summary>
internal sealed class BenchStudy : IDisposable
{
    private BenchStudy(string directory) => Directory = directory;

    public string Directory { get; }

    public string StudyFile => Path.Combine(Directory, "study.yaml");

    public string Artifacts => Path.Combine(Directory, "artifacts");

    /// <param name="rpm">The <c>rpm</c> each model sets, or null to leave it to the headers and 429s.</param>
    public static BenchStudy Create(string baseUrl, IReadOnlyList<string> models, int items, int concurrency, int? rpm)
    {
        var study = new BenchStudy(Path.Combine(Path.GetTempPath(), "itemeval-bench-" + Guid.NewGuid().ToString("N")[..8]));
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "prompts"));
        File.WriteAllLines(Path.Combine(study.Directory, "data", "items.jsonl"), Enumerable.Range(1, items).Select(index => string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"id": "q{{index}}", "question": "What is {{index}} + {{index}}?", "answer": "{{2 * index}}"}""")));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "plain.txt"), "Q: {input}\n");
        var limit = rpm is { } perMinute ? string.Create(CultureInfo.InvariantCulture, $", rpm: {perMinute}") : "";
        var entries = models.Select(model => $$"""
                - id: {{model}}
                  options: {base_url: "{{baseUrl}}{{(model.StartsWith("anthropic/", StringComparison.Ordinal) ? "" : "/v1")}}", max_concurrency: {{concurrency}}{{limit}}}
                  lanes:
                    - name: default
                      temperature: 0.7
                      max_tokens: 64
            """);
        File.WriteAllText(study.StudyFile, $"""
            name: bench
            datasets:
              - name: arithmetic
                path: data/items.jsonl
                mapping: {"{"}id: id, input: question, target: answer{"}"}
            design:
              models:
            {string.Join('\n', entries)}
              templates:
                - name: plain
                  path: prompts/plain.txt
            budget:
              max_usd: 5
            """);
        return study;
    }

    public StageContext Context(IStageReporter reporter) =>
        new(StudyFile, Artifacts, new StageOptions(Yes: true, Policy: "full-interactive"), reporter, new BenchEnvironment());

    /// <summary>Runs the stages before Generate, as the targets would, so the benchmark times Generate alone.</summary>
    public void Prepare(IStageReporter reporter)
    {
        ResolveStage.Run(Context(reporter));
        LockDatasetsStage.Run(Context(reporter));
        ExpandGridStage.Run(Context(reporter));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
