using System.Globalization;

namespace ItemEval.Bench;

/// <summary>
/// A big mock study in a temp folder: real GSM8K items, 2 mock models at zero latency × 2 lanes × 2 templates (8
/// conditions; 5 templates, 20 conditions, for <c>--edit template</c>), and as many items and epochs as it takes to
/// reach the cells asked for (1,250 items × conditions × epochs above 10,000 cells). Its artifacts stay in the folder
/// too (<c>ITEMEVAL_ARTIFACTS</c>). With a <see cref="MockPace"/>, each mock model answers after that latency and
/// takes that many calls at once, as a hosted model would; the figures are at zero latency, unlimited.
/// </summary>
internal sealed class ScaleStudy : IDisposable
{
    private const int ConditionsPerTemplate = 4;
    private const int ItemsPerEpoch = 1250;
    private bool _extraModel;

    private ScaleStudy(string directory, int templates, int items, int epochs, MockPace? pace)
    {
        Directory = directory;
        Templates = templates;
        Items = items;
        Epochs = epochs;
        Pace = pace;
    }

    public string Directory { get; }

    public string StudyFile => Path.Combine(Directory, "study.yaml");

    public string ArtifactsRoot => Path.Combine(Directory, "artifacts");

    /// <summary>How many templates the design crosses: 2 (<c>direct</c>, <c>cot</c>), or 5 with <c>v3</c>…<c>v5</c>.</summary>
    public int Templates { get; }

    public int Items { get; }

    public int Epochs { get; }

    /// <summary>The mock models' latency and calls at once; null: zero latency, unlimited.</summary>
    public MockPace? Pace { get; }

    /// <summary>2 mock models × 2 lanes per template, and the third model's 1 lane once <see cref="AddModel"/> ran.</summary>
    public int Conditions => (ConditionsPerTemplate + (_extraModel ? 1 : 0)) * Templates;

    public int Cells => Conditions * Items * Epochs;

    public static ScaleStudy Create(int cells, string dataset, int templates = 2, MockPace? pace = null)
    {
        var conditions = ConditionsPerTemplate * templates;
        var items = Math.Clamp(cells / conditions, 1, ItemsPerEpoch);
        var epochs = Math.Max(1, cells / (conditions * items));
        var study = new ScaleStudy(Path.Combine(Path.GetTempPath(), "itemeval-scale-" + Guid.NewGuid().ToString("N")[..8]), templates, items, epochs, pace);
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(study.Directory, "prompts"));
        File.Copy(dataset, Path.Combine(study.Directory, "data", "gsm8k.jsonl"));
        foreach (var (name, text) in TemplateTexts().Take(templates))
        {
            File.WriteAllText(Path.Combine(study.Directory, "prompts", name + ".txt"), text);
        }

        study.WriteStudyFile(extraModel: false);
        return study;
    }

    /// <summary>
    /// The edit the <c>--edit model</c> benchmark makes: a third mock model with one lane, i.e. 2 conditions more, so
    /// 1/5 of the edited study's cells are new and the other 4/5 are up to date.
    /// </summary>
    public void AddModel()
    {
        _extraModel = true;
        WriteStudyFile(extraModel: true);
    }

    /// <summary>
    /// The edit of <c>--edit template</c>: the <c>cot</c> template's text changes, so 1/<see cref="Templates"/> of the
    /// cells are stale (1/5 in the study <c>--edit template</c> makes: issue 10's case).
    /// </summary>
    public void EditTemplate() =>
        File.WriteAllText(Path.Combine(Directory, "prompts", "cot.txt"), "Think it through, step by step.\nQ: {input}\nA:");

    private void WriteStudyFile(bool extraModel)
    {
        const string lanes = "[{name: t0, temperature: 0.0, max_tokens: 64}, {name: t08, temperature: 0.8, max_tokens: 64}]";
        var options = Pace is { } pace
            ? string.Create(CultureInfo.InvariantCulture, $"\n      options: {{latency_ms: {pace.LatencyMilliseconds}, max_concurrency: {pace.Concurrency}}}")
            : "";
        var extra = extraModel ? $"\n    - id: mock/c{options}\n      lanes: [{{name: t0, temperature: 0.0, max_tokens: 64}}]" : "";
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
                - id: mock/a{options}
                  lanes: {lanes}
                - id: mock/b{options}
                  lanes: {lanes}{extra}
              templates:
            {string.Join("\n", TemplateTexts().Take(Templates).Select(template => $"    - {{name: {template.Name}, path: prompts/{template.Name}.txt}}"))}
              epochs: {Epochs}
            graders:
              - {"{"}name: numeric, type: numeric, scheme: numeric{"}"}
            budget:
              max_usd: 1
            """));
    }

    private static IEnumerable<(string Name, string Text)> TemplateTexts()
    {
        yield return ("direct", "Q: {input}\nA:");
        yield return ("cot", "Think step by step.\nQ: {input}\nA:");
        yield return ("v3", "Answer with a number.\nQ: {input}\nA:");
        yield return ("v4", "Solve the problem.\nQ: {input}\nA:");
        yield return ("v5", "Question: {input}\nAnswer:");
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
