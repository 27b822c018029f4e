using Jumin.Registry.Operations;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Operations;

/// <summary>運用監視: the system's queues and counts, for the 委託先 and the administrator — no person appears.</summary>
public sealed class IndexModel(OperationsMonitor monitor, HostFaults faults) : PageModel
{
    public OperationsStatus Status { get; private set; } = null!;

    public IReadOnlyList<HostFault> Faults { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Status = await monitor.StatusAsync(User.ToOperator(), HttpContext.RequestAborted);
        Faults = faults.Current();
    }
}
