using ItemEval.Bench;

// dotnet run -c Release --project bench/ItemEval.Bench -- rate-limits [--calls 2000] [--rpm 600] [--latency-ms 50] [--concurrency 16]
// dotnet run -c Release --project bench/ItemEval.Bench -- http-floor  (the same pace as bare HttpClient POSTs: the floor)
// dotnet run -c Release --project bench/ItemEval.Bench -- sdk-floor   (the same pace through the OpenAI SDK client alone)
// dotnet run -c Release --project bench/ItemEval.Bench -- generate-limits [--calls 300] [--rpm 300] [--latency-ms 200] [--jitter-ms 100]
//   (a two-model study through the Generate stage, with rpm set and without; --calls is per model)
// dotnet run -c Release --project bench/ItemEval.Bench -- scale [--cells 10000] [--latency-ms N [--concurrency 8]] [--estimate-only] [--dataset /work/shared/datasets/gsm8k/test.jsonl] [--edit model|template]
//   (one ./build.sh Export of a mock study from clean, as a user runs it: wall, process-tree CPU, peak RSS, split by
//   target; Linux, needs /usr/bin/time; --edit then edits one template of five (1/5 stale) or adds a model (1/5 of the
//   edited study new), runs one ./build.sh Export again and judges it against that study from clean)
// dotnet run -c Release --project bench/ItemEval.Bench -- export [--rows 1000000]
//   (ExpandGrid, then Export of a store filled with that many graded cells, in-process: wall, CPU, peak RSS)
// dotnet run -c Release --project bench/ItemEval.Bench -- call-cpu --mode bare|sdk|sdk-timed|pipeline|layers [--calls 5000] [--concurrency 16]
//   (CPU per call, unpaced, zero latency, no limit: bare HttpClient, the SDK alone, or the whole model-call pipeline)
// dotnet run -c Release --project bench/ItemEval.Bench -- generate-memory [--cells 10000]
//   (Generate of the scale study in-process: peak resident set and peak managed heap while it runs)
// dotnet run -c Release --project bench/ItemEval.Bench -- estimate-accuracy [--items 200] [--pilot 20]
//   (estimated vs billed USD per condition after a pilot, against the in-process fake provider)
// dotnet run -c Release --project bench/ItemEval.Bench -- batch [--calls 50000]
//   (N cells per model through one batch each, 1 model then 2: build, upload, wait, collect split; peak RSS)
// dotnet run -c Release --project bench/ItemEval.Bench -- batch-anthropic [--calls 50000]
//   (the same through Anthropic's Message Batches: "upload" is the creating request that streams the requests)
// The "serve" verb is the child process the benchmark starts for the fake provider; it is not meant to be run by hand.
return args.FirstOrDefault() switch
{
    "serve" => await ServeCommand.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "rate-limits" or null => await RateLimitBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1))),
    "http-floor" => await FloorBenchmarks.RunBareAsync(BenchArguments.Parse(args.Skip(1))),
    "sdk-floor" => await FloorBenchmarks.RunSdkAsync(BenchArguments.Parse(args.Skip(1))),
    "scale" => await ScaleBenchmark.RunAsync(args.Skip(1).ToList()),
    "estimate-accuracy" => await EstimateAccuracyBenchmark.RunAsync(args.Skip(1).ToList()),
    "batch" => await BatchBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1), BenchArguments.BatchDefaults), BatchBenchmark.OpenAIModels),
    "batch-anthropic" => await BatchBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1), BenchArguments.BatchDefaults), BatchBenchmark.AnthropicModels),
    "call-cpu" => await CallCpuBenchmark.RunAsync(args.Skip(1).ToList()),
    "generate-memory" => await GenerateMemoryBenchmark.RunAsync(args.Skip(1).ToList()),
    "export" => ExportBenchmark.Run(args.Skip(1).ToList()),
    "generate-limits" => await StudyLimitsBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1), BenchArguments.StudyDefaults)),
    var verb => Usage(verb),
};

static int Usage(string verb)
{
    Console.Error.WriteLine($"unknown benchmark '{verb}'. Usage: ItemEval.Bench rate-limits|http-floor|sdk-floor|generate-limits|scale|export|call-cpu|generate-memory|estimate-accuracy|batch|batch-anthropic [--calls N] [--rpm N] [--latency-ms N] [--concurrency N] [--jitter-ms N]");
    return 2;
}
