using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ItemEval.FakeProviders;

/// <summary>
/// Random faults at given rates, seeded. The draw for a request depends only on the seed, the model, the prompt and
/// how many times that prompt was asked before, not on arrival order, so a concurrent run sees the same faults on
/// the same calls every time and a test built on it is as repeatable as a sequential one.
/// </summary>
public sealed class MixedFaults
{
    private readonly int _seed;
    private readonly (double Upto, Fault Fault)[] _bands;
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);

    public MixedFaults(int seed, double p500 = 0, double p503 = 0, double reset = 0, double malformed = 0, double errorIn200 = 0)
    {
        _seed = seed;
        var bands = new List<(double, Fault)>();
        var upto = 0.0;
        void Add(double probability, Fault fault)
        {
            upto += probability;
            bands.Add((upto, fault));
        }

        Add(p500, new Fault(FaultKind.Status, 500, null));
        Add(p503, new Fault(FaultKind.Status, 503, null));
        Add(reset, new Fault(FaultKind.Reset, 0, null));
        Add(malformed, new Fault(FaultKind.Malformed, 200, null));
        Add(errorIn200, new Fault(FaultKind.ErrorIn200, 200, null));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(upto, 1.0);
        _bands = [.. bands];
    }

    internal Fault? Draw(string model, string prompt)
    {
        var asked = _asked.AddOrUpdate($"{model}\n{prompt}", 1, (_, count) => count + 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}\n{model}\n{prompt}\n{asked}"));
        var draw = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        return _bands.FirstOrDefault(band => draw < band.Upto).Fault;
    }
}
