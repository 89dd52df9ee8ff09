using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>A small study written to a temp folder (study.yaml, data, one or two templates) with its own artifacts.</summary>
internal sealed class TempStudy : IDisposable
{
    /// <summary>The study.yaml a TempStudy gets when none is given.</summary>
    public const string DefaultYaml = """
        name: tiny
        datasets:
          - name: quiz
            path: data/items.jsonl
            mapping: {id: id, input: question, target: answer, scheme: scheme}
        design:
          models:
            - id: mock/a
              options: {accuracy: 0.8}
              lanes:
                - name: cold
                  temperature: 0
          templates:
            - name: plain
              path: prompts/plain.txt
            - name: cot
              path: prompts/cot.txt
          epochs: 1
        graders:
          - name: numeric
            type: numeric
        budget:
          max_usd: 1
        """;

    public TempStudy(int items = 10, string? yaml = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "itemeval-stage-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "prompts"));
        File.WriteAllText(StudyFile, yaml ?? DefaultYaml);
        File.WriteAllLines(Path.Combine(Directory, "data", "items.jsonl"), Enumerable.Range(1, items).Select(i =>
            $$"""{"id": "q{{i}}", "question": "What is {{i}} + {{i}}?", "answer": "{{2 * i}}", "scheme": "numeric"}"""));
        File.WriteAllText(Path.Combine(Directory, "prompts", "plain.txt"), "Q: {input}\n");
        File.WriteAllText(Path.Combine(Directory, "prompts", "cot.txt"), "Think step by step. Q: {input}\n");
    }

    public string Directory { get; }

    public string StudyFile => Path.Combine(Directory, "study.yaml");

    public string Artifacts => Path.Combine(Directory, "artifacts");

    public RecordingReporter Reporter { get; } = new();

    public ItemEval.Runtime.Providers.Catalog.IEnvironment? Environment { get; init; }

    public ItemEval.Runtime.Providers.Resilience.RetrySettings? Retries { get; init; }

    public StageContext Context(StageOptions? options = null) => new(StudyFile, Artifacts, options ?? new StageOptions(), Reporter, Environment, Retries);

    /// <summary>Runs the stages before Generate, as the targets would.</summary>
    public void Prepare(StageOptions? options = null)
    {
        ResolveStage.Run(Context(options));
        LockDatasetsStage.Run(Context(options));
        ExpandGridStage.Run(Context(options));
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
