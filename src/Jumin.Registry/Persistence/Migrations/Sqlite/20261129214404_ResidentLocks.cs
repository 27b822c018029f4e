using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResidentLocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resident_locks",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    holder_user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    holder_name = table.Column<string>(type: "TEXT", nullable: false),
                    terminal = table.Column<string>(type: "TEXT", nullable: false),
                    acquired_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_locks", x => x.atena_number);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resident_locks");
        }
    }
}
