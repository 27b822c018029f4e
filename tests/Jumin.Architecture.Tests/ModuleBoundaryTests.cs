using Assembly = System.Reflection.Assembly;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Jumin.Architecture.Tests;

/// <summary>
/// The shape of ARCHITECTURE.md and ADR 0001, read from the compiled assemblies: a pure domain, node roles that know
/// each other only through the 住基ネット messages, hosts that only compose, and no cycles between the namespaces of
/// a project. A reference that breaks one of these fails here, naming the types on both ends.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Domain = typeof(Jumin.Domain.Identifiers.AtenaNumber).Assembly;
    private static readonly Assembly Storage = typeof(Jumin.Storage.DatabaseProvider).Assembly;
    private static readonly Assembly JukiNet = typeof(Jumin.JukiNet.Protocol.NodeId).Assembly;
    private static readonly Assembly Cs = typeof(Jumin.Cs.CsBehaviour).Assembly;
    private static readonly Assembly Prefecture = typeof(Jumin.Prefecture.PrefectureBehaviour).Assembly;
    private static readonly Assembly National = typeof(Jumin.National.NationalBehaviour).Assembly;
    private static readonly Assembly Registry = typeof(Jumin.Registry.RegistryNode).Assembly;
    private static readonly Assembly Hosting = typeof(Jumin.JukiNet.Hosting.LocalNetwork).Assembly;
    private static readonly Assembly Web = Assembly.Load("Jumin.Web");
    private static readonly Assembly Cli = Assembly.Load("jumin");

    private static readonly ArchitectureModel Architecture =
        new ArchLoader().LoadAssemblies(Domain, Storage, JukiNet, Cs, Prefecture, National, Registry, Hosting, Web, Cli).Build();

    private static ArchUnitNET.Fluent.Syntax.Elements.Types.GivenTypesConjunction TypesOf(Assembly assembly, params Assembly[] more) => Types().That().ResideInAssembly(assembly, more);

    [Fact]
    public void The_domain_references_nothing_but_the_base_library_and_NodaTime() =>
        TypesOf(Domain).Should().OnlyDependOnTypesThat().ResideInNamespaceMatching(@"^(System|NodaTime|Jumin\.Domain|Microsoft\.CodeAnalysis)(\..*)?$|^$")
            .Because("the domain is pure: no database, no transport, no host (ARCHITECTURE.md, Inside one node)").Check(Architecture);

    [Fact]
    public void Storage_knows_no_node_and_no_domain_type() =>
        TypesOf(Storage).Should().NotDependOnAny(TypesOf(Domain, JukiNet, Cs, Prefecture, National, Registry, Hosting, Web, Cli))
            .Because("what every store shares is below every node").Check(Architecture);

    [Fact]
    public void The_shared_JukiNet_parts_know_no_node_role() =>
        TypesOf(JukiNet).Should().NotDependOnAny(TypesOf(Cs, Prefecture, National, Registry, Hosting, Web, Cli))
            .Because("the transport, the messages and the node at work are shared by every role").Check(Architecture);

    [Theory]
    [InlineData("cs")]
    [InlineData("prefecture")]
    [InlineData("national")]
    [InlineData("registry")]
    public void A_node_role_reaches_the_others_only_through_JukiNet_messages(string role)
    {
        var roles = new Dictionary<string, Assembly> { ["cs"] = Cs, ["prefecture"] = Prefecture, ["national"] = National, ["registry"] = Registry };
        var others = roles.Where(r => r.Key != role).Select(r => r.Value).ToArray();
        TypesOf(roles[role]).Should().NotDependOnAny(TypesOf(others[0], [.. others.Skip(1), Hosting, Web, Cli]))
            .Because($"{role} is its own process in production, with its own store (ARCHITECTURE.md, node roles)").Check(Architecture);
    }

    [Theory]
    [InlineData("Jumin.Domain.(*)")]
    [InlineData("Jumin.Registry.(*)")]
    [InlineData("Jumin.JukiNet.(*)")]
    [InlineData("Jumin.National.(*)")]
    [InlineData("Jumin.Web.(*)")]
    [InlineData("Jumin.Cli.(*)")]
    public void The_namespaces_of_a_project_have_no_cycles(string slices) =>
        SliceRuleDefinition.Slices().Matching(slices).Should().BeFreeOfCycles().Check(Architecture);

    [Fact]
    public void Pages_and_the_API_depend_on_application_services_not_on_each_other()
    {
        var pages = Types().That().ResideInNamespaceMatching(@"^Jumin\.Web\.Pages(\..*)?$");
        var api = Types().That().ResideInNamespaceMatching(@"^Jumin\.Web\.Api(\..*)?$");
        pages.Should().NotDependOnAny(api).Because("a screen calls the registry's use cases, not the REST endpoints").Check(Architecture);
        api.Should().NotDependOnAny(pages).Because("an endpoint calls the registry's use cases, not a screen's model").Check(Architecture);
    }

    [Fact]
    public void Every_refusal_a_use_case_throws_is_one_of_the_refusal_family() =>
        Classes().That().ResideInAssembly(Domain, Registry).And().AreAssignableTo(typeof(Exception)).And().ArePublic()
            .Should().BeAssignableTo(typeof(Jumin.Domain.RefusalException))
            .Because("the API and the screens each map refusals in one place, by their kind (issue 14 item 4)").Check(Architecture);
}
