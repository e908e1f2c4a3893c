using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace OpenLine.Core.Tests.Architecture;

/// <summary>
/// OpenLine.Core is pure and deterministic (DEVELOPERS.md): no I/O, no clock, no threads, no
/// randomness, no web or storage assemblies. These read Core's compiled metadata, so a stray
/// <c>DateTime.UtcNow</c> fails the build's tests rather than a code review.
/// </summary>
public class CorePurityTests
{
    private static readonly Assembly Core = typeof(Exchange).Assembly;

    [Fact]
    public void Core_references_no_web_network_or_storage_assembly()
    {
        string[] references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Data", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("System.Net", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("System.DateTime", "get_Now")]
    [InlineData("System.DateTime", "get_UtcNow")]
    [InlineData("System.DateTime", "get_Today")]
    [InlineData("System.DateTimeOffset", "get_Now")]
    [InlineData("System.DateTimeOffset", "get_UtcNow")]
    [InlineData("System.Environment", "get_TickCount")]
    [InlineData("System.Environment", "get_TickCount64")]
    [InlineData("System.Diagnostics.Stopwatch", "*")]
    [InlineData("System.TimeProvider", "*")]
    [InlineData("System.Random", "*")]
    [InlineData("System.Guid", "NewGuid")]
    [InlineData("System.Threading.Thread", "*")]
    [InlineData("System.Threading.Tasks.Task", "*")]
    [InlineData("System.Threading.Monitor", "*")]
    [InlineData("System.IO.File", "*")]
    [InlineData("System.IO.Stream", "*")]
    [InlineData("System.Console", "*")]
    public void Core_never_touches_the_clock_threads_randomness_or_io(string type, string member)
    {
        string[] offending = MemberReferences().Where(r => r.Type == type && (member == "*" || r.Member == member))
            .Select(r => $"{r.Type}.{r.Member}").Distinct().ToArray();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData(typeof(Money))]
    [InlineData(typeof(CommissionRate))]
    [InlineData(typeof(AmericanOdds))]
    [InlineData(typeof(TakerFigures))]
    [InlineData(typeof(ObjectId))]
    [InlineData(typeof(LineNumber))]
    [InlineData(typeof(BookKey))]
    public void Values_are_readonly_structs(Type type)
    {
        Assert.True(type.IsValueType, $"{type.Name} is a value type");
        Assert.True(type.IsDefined(typeof(IsReadOnlyAttribute), inherit: false), $"{type.Name} is readonly");
    }

    private static IEnumerable<(string Type, string Member)> MemberReferences()
    {
        using var stream = File.OpenRead(Core.Location);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var found = new List<(string, string)>();
        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference reference = reader.GetMemberReference(handle);
            string? type = TypeName(reader, reference.Parent);
            if (type is not null)
            {
                found.Add((type, reader.GetString(reference.Name)));
            }
        }
        return found;
    }

    private static string? TypeName(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)handle);
                return $"{reader.GetString(reference.Namespace)}.{reader.GetString(reference.Name)}";
            case HandleKind.TypeSpecification:
                // Generic instantiations (e.g. Task<T>): read the generic type's own name.
                BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
                if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                {
                    blob.ReadSignatureTypeCode();
                    return TypeName(reader, blob.ReadTypeHandle());
                }
                return null;
            default:
                return null;
        }
    }
}
