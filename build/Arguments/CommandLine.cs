namespace ItemEval.Build.Arguments;

/// <summary>
/// Parses <c>Target… --option value</c> NUKE-style; the options it knows are <see cref="CommandLineSwitches.All"/>. Precedence: command line, then environment variable, then default.
/// </summary>
internal static class CommandLine
{
    public static readonly string[] Verbosities = ["quiet", "minimal", "normal", "detailed", "diagnostic"];
    public static readonly string[] Estimates = ["expected", "worst-case"];
    public static readonly string[] Policies = ["dev", "full-interactive", "full-batch"];

    public static BuildArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var targets = new List<string>();
        var dataRoots = new List<string>();
        string? study = null, policy = null, estimate = null, verbosity = null, binlog = null;
        bool? yes = null;
        bool updateLocks = false, refreshPricing = false, noCache = false, dryRun = false, verifyFirst = false, help = false;
        bool noWait = false, cancelBatches = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                targets.Add(arg);
                continue;
            }

            var option = CommandLineSwitches.Find(arg) ?? throw new UsageException($"unknown option '{arg}'");
            switch (option.Name)
            {
                case "study": study = Value(args, ref i, arg); break;
                case "yes": yes = true; break;
                case "policy": policy = Value(args, ref i, arg); break;
                case "estimate": estimate = Value(args, ref i, arg); break;
                case "refresh-pricing": refreshPricing = true; break;
                case "update-locks": updateLocks = true; break;
                case "no-cache": noCache = true; break;
                case "dry-run": dryRun = true; break;
                case "verify-first": verifyFirst = true; break;
                case "no-wait": noWait = true; break;
                case "cancel-batches": cancelBatches = true; break;
                case "data-root": dataRoots.Add(Value(args, ref i, arg)); break;
                case "verbosity": verbosity = Value(args, ref i, arg); break;
                case "binlog": binlog = i + 1 < args.Count && !args[i + 1].StartsWith('-') && args[i + 1].EndsWith(".binlog", StringComparison.OrdinalIgnoreCase) ? args[++i] : ""; break;
                case "help": help = true; break;
                default: throw new InvalidOperationException($"--{option.Name} is listed in CommandLineSwitches but not parsed");
            }
        }

        study ??= environment("ITEMEVAL_STUDY") ?? environment("STUDY");
        yes ??= IsTrue(environment("ITEMEVAL_YES"));
        policy ??= environment("ITEMEVAL_POLICY");
        estimate ??= environment("ITEMEVAL_ESTIMATE") ?? "expected";
        verbosity ??= environment("ITEMEVAL_VERBOSITY") ?? "minimal";
        if (dataRoots.Count == 0 && environment("ITEMEVAL_DATA_ROOT") is { Length: > 0 } fromEnvironment)
        {
            // One folder or several, separated like PATH.
            dataRoots.AddRange(fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        Check(estimate, Estimates, "--estimate");
        if (policy is not null)
        {
            Check(policy, Policies, "--policy");
        }

        Check(verbosity, Verbosities, "--verbosity");
        return new BuildArguments(targets, string.IsNullOrWhiteSpace(study) ? null : study, yes.Value, estimate, policy, refreshPricing, updateLocks, noCache, dryRun, verifyFirst, verbosity, binlog, help || targets.Count == 0, dataRoots)
        {
            NoWait = noWait,
            CancelBatches = cancelBatches,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{option} needs a value");
        }

        return args[++i];
    }

    private static void Check(string value, string[] allowed, string option)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException($"{option} must be one of {string.Join(", ", allowed)}, got '{value}'");
        }
    }

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
