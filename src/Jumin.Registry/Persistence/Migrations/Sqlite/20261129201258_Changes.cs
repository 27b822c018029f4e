using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.Registry.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Changes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "change_id",
                table: "resident_history",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    destination = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    change_id = table.Column<long>(type: "INTEGER", nullable: false),
                    atena_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    history_number = table.Column<int>(type: "INTEGER", nullable: false),
                    change_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provisional_subjects",
                columns: table => new
                {
                    atena_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    change_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisional_subjects", x => x.atena_number);
                });

            migrationBuilder.CreateTable(
                name: "resident_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    basis = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    request = table.Column<string>(type: "TEXT", nullable: false),
                    read_set = table.Column<string>(type: "TEXT", nullable: false),
                    acknowledged_alerts = table.Column<string>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entered_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    entered_terminal = table.Column<string>(type: "TEXT", nullable: false),
                    entered_place = table.Column<string>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancels_change = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_by = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resident_history_change_id",
                table: "resident_history",
                column: "change_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_destination_delivered_at",
                table: "outbox_messages",
                columns: new[] { "destination", "delivered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_destination_sequence",
                table: "outbox_messages",
                columns: new[] { "destination", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provisional_subjects_change_id",
                table: "provisional_subjects",
                column: "change_id");

            migrationBuilder.CreateIndex(
                name: "ix_resident_changes_status_id",
                table: "resident_changes",
                columns: new[] { "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "provisional_subjects");

            migrationBuilder.DropTable(
                name: "resident_changes");

            migrationBuilder.DropIndex(
                name: "ix_resident_history_change_id",
                table: "resident_history");

            migrationBuilder.DropColumn(
                name: "change_id",
                table: "resident_history");

            // Dropping a column may rebuild the table, which loses its triggers: put them back.
            foreach (var sql in AppendOnlyTriggers.SqliteDrop("resident_history").Concat(AppendOnlyTriggers.Sqlite("resident_history")))
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
