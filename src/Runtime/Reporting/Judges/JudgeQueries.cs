using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>The judges' counts per grader over the current plans, for the export's <c>judges</c> table and Status.</summary>
internal static class JudgeQueries
{
    private static readonly string[] Codes =
        [VerdictCodes.NoVerdict, VerdictCodes.SeveralVerdicts, VerdictCodes.OutOfRange, VerdictCodes.MalformedJson, VerdictCodes.Refusal, VerdictCodes.Empty];

    /// <summary>The judge grader types as an SQL list: <c>'compliance', 'pairwise', 'rubric'</c>.</summary>
    public static string JudgeTypes { get; } = string.Join(", ", Grading.GraderRegistry.Default.JudgeTypes.Select(type => $"'{type}'"));

    /// <summary>
    /// One row per judge: planned gradings, graded, pending, parse failures (and by code), errors, mean score, spend,
    /// and the input tokens the provider served from its prompt cache.
    /// </summary>
    public static string PerGrader { get; } = $"""
        WITH planned AS (
            SELECT p.grader, gr.grader_type, p.grading_key FROM grading_plan p JOIN graders gr ON gr.grader = p.grader
            WHERE gr.grader_type IN ({JudgeTypes})
            UNION ALL
            SELECT grader, 'pairwise', grading_key FROM pairwise_plan
        )
        SELECT pl.grader, pl.grader_type, count(*) AS planned,
               count(*) FILTER (WHERE g.status = '{GradingStatus.Done}') AS graded,
               count(*) FILTER (WHERE g.grading_key IS NULL) AS pending,
               count(*) FILTER (WHERE g.status = '{GradingStatus.ParseFailure}') AS parse_failures,
               {string.Join(",\n       ", Codes.Select(code => $"count(*) FILTER (WHERE g.verdict_code = '{code}') AS {code}"))},
               count(*) FILTER (WHERE g.status = '{GradingStatus.Error}') AS errors,
               round(avg(g.score) FILTER (WHERE g.status = '{GradingStatus.Done}'), 4) AS mean_score,
               round(CAST(coalesce(sum(g.usd), 0) AS DOUBLE), 6) AS usd,
               CAST(coalesce(sum(g.input_tokens), 0) AS BIGINT) AS input_tokens,
               CAST(coalesce(sum(g.cache_read_tokens), 0) AS BIGINT) AS cache_read_tokens,
               CAST(coalesce(sum(g.cache_write_tokens), 0) AS BIGINT) AS cache_write_tokens,
               CAST(coalesce(sum(g.output_tokens), 0) AS BIGINT) AS output_tokens
        FROM planned pl LEFT JOIN gradings g ON g.grading_key = pl.grading_key
        GROUP BY pl.grader, pl.grader_type ORDER BY pl.grader
        """;
}
