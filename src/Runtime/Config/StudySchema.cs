namespace ItemEval.Runtime.Config;

/// <summary>The keys each section of study.yaml allows. Adding a key is one entry here plus reading it.</summary>
internal static class StudySchema
{
    public static readonly string[] Root = ["name", "description", "datasets", "design", "graders", "budget", "batch", "batch_min_cells"];
    public static readonly string[] Dataset = ["name", "path", "format", "header", "scheme", "limit", "mapping"];
    public static readonly string[] Mapping = ["id", "input", "target", "choices", "scheme", "metadata"];
    public static readonly string[] Design = ["models", "templates", "epochs", "on_empty"];
    public static readonly string[] OnEmpty = ["keep", "rerun"];
    public static readonly string[] Model = ["id", "options", "lanes", "batch"];
    public static readonly string[] Lane = ["name", "temperature", "top_p", "max_tokens", "seed", "reasoning_effort", "thinking_budget"];
    public static readonly string[] Template = ["name", "path", "system"];
    public static readonly string[] JudgeKeys = ["model", "lane", "template", "rubric", "against"];
    public static readonly string[] Grader = ["name", "type", "scheme", "options", .. JudgeKeys];
    public static readonly string[] JudgeModel = ["id", "options", "batch"];
    public static readonly string[] Budget = ["max_usd", "prices", "policy", "dev_items", "dev_items_from", "confirm_above_usd", "pricing_max_age_days", "pricing_path"];
    public static readonly string[] Policies = [.. Runtime.Budget.Policies.RunPolicy.Names];

    public static readonly string[] DevItemsFrom = [BudgetConfig.DevFromFirst, BudgetConfig.DevFromSpread];
    public static readonly string[] Price = ["input", "output", "cache_read", "cache_write"];

    /// <summary>Derived from the catalog that knows how to reach each provider: adding one is one catalog entry.</summary>
    public static readonly string[] Providers = [.. Runtime.Providers.Catalog.ProviderCatalog.Names];

    /// <summary>Derived from the formats the dataset reader reads.</summary>
    public static readonly string[] Formats = [.. Datasets.DataFileQuery.Formats.Select(format => format.Name)];

    /// <summary>Taken from the grader registry, so a grader type exists in one place only.</summary>
    public static readonly string[] GraderTypes = [.. Grading.GraderRegistry.Default.Types];
    public static readonly string[] ReasoningEfforts = ["minimal", "low", "medium", "high"];

    /// <summary>The options each scorer reads (Grading/*Scorer.cs).</summary>
    public static string[] GraderOptions(string type) => type switch
    {
        "numeric" => ["tolerance", "relative_tolerance"],
        "exact" => ["case_sensitive"],
        "regex" => ["pattern"],
        "rubric" => ["scale"],
        "compliance" => ["statement_column", "statement"],
        _ => [],
    };
}
