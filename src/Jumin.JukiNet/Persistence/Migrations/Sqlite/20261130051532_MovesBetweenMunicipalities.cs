using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.JukiNet.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MovesBetweenMunicipalities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "departure_certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    from_municipality = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", nullable: true),
                    notice_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    purged_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departure_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "move_in_notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_move_in_notices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_departure_certificates_resident_code_direction",
                table: "departure_certificates",
                columns: new[] { "resident_code", "direction" });

            migrationBuilder.CreateIndex(
                name: "ix_move_in_notices_taken_at",
                table: "move_in_notices",
                column: "taken_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "departure_certificates");

            migrationBuilder.DropTable(
                name: "move_in_notices");
        }
    }
}
