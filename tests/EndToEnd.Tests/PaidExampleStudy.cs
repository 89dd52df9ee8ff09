namespace ItemEval.EndToEnd.Tests;

/// <summary>The example's items and templates on one real (fake-served) model: 20 items × 2 templates = 40 cells.</summary>
internal static class PaidExampleStudy
{
    public const int Cells = 40;

    /// <param name="top">Top-level keys added after the name (e.g. <c>batch: true</c>).</param>
    /// <param name="budget">The budget mapping's keys, in flow style (e.g. <c>max_usd: 5</c>). Without a <c>policy</c> the
    /// study runs under the default dev policy: its first 10 items only.</param>
    /// <param name="model">The one model, <c>openai/gpt-4o-mini</c> unless told.</param>
    public static StudyWorkspace Create(string name, string top = "", string budget = "policy: full-interactive, max_usd: 5", string model = "openai/gpt-4o-mini") =>
        Edited(StudyWorkspace.CopyOf("example"), $$"""
            name: {{name}}
            {{top}}
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {id: id, input: question, target: answer, choices: choices, scheme: scheme, metadata: [topic]}
            design:
              models:
                - id: {{model}}
                  options: {max_concurrency: 4}
                  lanes:
                    - name: t0
                      temperature: 0
                      max_tokens: 64
              templates:
                - name: direct
                  path: prompts/direct.txt
                - name: cot
                  path: prompts/cot.txt
            graders:
              - name: numeric
                type: numeric
                scheme: numeric
            budget: {{{budget}}}
            """);

    private static StudyWorkspace Edited(StudyWorkspace study, string yaml)
    {
        study.Edit("study.yaml", _ => yaml);
        return study;
    }
}
