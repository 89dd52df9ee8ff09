using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// A big mock study in a temp folder: real GSM8K items, 8 conditions (2 mock models at zero latency × 2 lanes × 2
/// templates), and as many items and epochs as it takes to reach the cells asked for (1,250 items × 8 × epochs above
/// 10,000 cells). Its artifacts stay in the folder too (<c>ITEMEVAL_ARTIFACTS</c>).
/// </summary>
internal sealed class ScaleStudy : IDisposable
{
    private const int Conditions = 8;
    private const int ItemsPerEpoch = 1250;

    private ScaleStudy(string directory, int items, int epochs)
    {
        Directory = directory;
        Items = items;
        Epochs = epochs;
    }

    public string Directory { get; }

    public string StudyFile => Path.Combine(Directory, "study.yaml");

    public string ArtifactsRoot => Path.Combine(Directory, "artifacts");

    public int Items { get; }

    public int Epochs { get; }

    public int Cells => Conditions * Items * Epochs;

    public static ScaleStudy Create(int cells, string dataset)
    {
        var items = Math.Clamp(cells / Conditions, 1, ItemsPerEpoch);
        var epochs = Math.Max(1, cells / (Conditions * items));
        var study = new ScaleStudy(Path.Combine(Path.GetTempPath(), "itemeval-scale-" + Guid.NewGuid().ToString("N")[..8]), items, epochs);
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "prompts"));
        File.Copy(dataset, Path.Combine(study.Directory, "data", "gsm8k.jsonl"));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "direct.txt"), "Q: {input}\nA:");
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "cot.txt"), "Think step by step.\nQ: {input}\nA:");
        study.WriteStudyFile(extraModel: false);
        return study;
    }

    /// <summary>
    /// The edit the <c>--edit model</c> benchmark makes: a third mock model with one lane, i.e. 2 conditions more, so
    /// 1/5 of the edited study's cells are new and the other 4/5 are up to date.
    /// </summary>
    public void AddModel() => WriteStudyFile(extraModel: true);

    /// <summary>The edit of <c>--edit template</c>: the <c>cot</c> template's text changes, so 1/2 of the cells are stale.</summary>
    public void EditTemplate() =>
        File.WriteAllText(Path.Combine(Directory, "prompts", "cot.txt"), "Think it through, step by step.\nQ: {input}\nA:");

    private void WriteStudyFile(bool extraModel)
    {
        const string lanes = "[{name: t0, temperature: 0.0, max_tokens: 64}, {name: t08, temperature: 0.8, max_tokens: 64}]";
        var extra = extraModel ? "\n    - id: mock/c\n      lanes: [{name: t0, temperature: 0.0, max_tokens: 64}]" : "";
        File.WriteAllText(StudyFile, string.Create(CultureInfo.InvariantCulture, $"""
            name: scale
            datasets:
              - name: gsm8k
                path: data/gsm8k.jsonl
                limit: {Items}
                scheme: numeric
                mapping: {"{"}id: '#row', input: question, target: answer{"}"}
            design:
              models:
                - id: mock/a
                  lanes: {lanes}
                - id: mock/b
                  lanes: {lanes}{extra}
              templates:
                - {"{"}name: direct, path: prompts/direct.txt{"}"}
                - {"{"}name: cot, path: prompts/cot.txt{"}"}
              epochs: {Epochs}
            graders:
              - {"{"}name: numeric, type: numeric, scheme: numeric{"}"}
            budget:
              max_usd: 1
            """));
    }

    /// <summary>Leave the folder in place when disposed.</summary>
    public bool Keep { get; set; }

    public void Dispose()
    {
        if (!Keep)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
