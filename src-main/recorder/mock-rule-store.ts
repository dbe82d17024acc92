import { EventEmitter } from 'node:events';
import type { Database, Statement } from 'better-sqlite3';
import type { MockMode, MockRule, MockRuleRecord } from '../contract/mocks';
import { SwitchboardError } from '../core/errors';
import { describeMatch } from '../core/mocks/definitions/describe-rule';
import { findShadowingRules } from '../core/mocks/definitions/shadowed-rules';

interface MockRuleRow {
  id: number;
  position: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

/** The `definition` column: the rule as written, plus the mode to restore after switching it off. */
interface StoredDefinition {
  rule: MockRule;
  resumeMode: Exclude<MockMode, 'off'>;
}

/** Counts of rules an import added, updated and removed. */
export interface ImportSummary {
  added: number;
  updated: number;
  removed: number;
}

function recordFromRow(row: MockRuleRow, shadowedBy: number | null): MockRuleRecord {
  const stored = JSON.parse(row.definition) as StoredDefinition;
  return {
    id: row.id,
    position: row.position,
    rule: stored.rule,
    resumeMode: stored.resumeMode,
    description: describeMatch(stored.rule),
    shadowedBy,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function definitionOf(rule: MockRule, previousResume: Exclude<MockMode, 'off'> = 'always'): string {
  const stored: StoredDefinition = { rule, resumeMode: rule.mode === 'off' ? previousResume : rule.mode };
  return JSON.stringify(stored);
}

/**
 * Stores mock rules in order. Callers validate rules before they get here. Positions stay
 * 0..n-1 after every change, and names stay unique because exchanges record the rule by name.
 * Emits `changed` after each change made through this store.
 */
export class MockRuleStore extends EventEmitter<{ changed: [] }> {
  private readonly db: Database;
  private readonly selectAll: Statement;
  private readonly insertRule: Statement;
  private readonly updateRule: Statement;
  private readonly updatePosition: Statement;
  private readonly deleteRule: Statement;
  private readonly selectChangeCount: Statement;

  constructor(db: Database) {
    super();
    this.db = db;
    this.selectAll = db.prepare('SELECT * FROM mock_rules ORDER BY position, id');
    this.insertRule = db.prepare('INSERT INTO mock_rules (position, definition, created_at, updated_at) VALUES (?, ?, ?, ?)');
    this.updateRule = db.prepare('UPDATE mock_rules SET definition = ?, updated_at = ? WHERE id = ?');
    this.updatePosition = db.prepare('UPDATE mock_rules SET position = ? WHERE id = ?');
    this.deleteRule = db.prepare('DELETE FROM mock_rules WHERE id = ?');
    this.selectChangeCount = db.prepare('SELECT count FROM mock_rule_changes').pluck();
  }

  /**
   * Returns a token that changes whenever the rules may have changed, through this store or through
   * another connection to the same file (another Switchboard process, for example).
   */
  version(): string {
    return String(this.selectChangeCount.get());
  }

  list(): MockRuleRecord[] {
    const rows = this.selectAll.all() as MockRuleRow[];
    const shadowing = findShadowingRules(rows.map((row) => (JSON.parse(row.definition) as StoredDefinition).rule));
    return rows.map((row, index) => recordFromRow(row, shadowing[index] ?? null));
  }

  /** Returns one rule; it is read with the whole list because `shadowedBy` depends on the rules before it. */
  get(id: number): MockRuleRecord {
    const record = this.list().find((candidate) => candidate.id === id);

    if (record === undefined) {
      throw new SwitchboardError('mock_rule_not_found', `No mock rule has id ${id}. List the rules with "switchboard mocks list" or reload the Mocks page.`);
    }

    return record;
  }

  /** Adds a rule at `position` (default: last) and returns it. */
  create(rule: MockRule, position?: number): MockRuleRecord {
    return this.change(() => {
      this.assertNameFree(rule.name, null);
      const now = Date.now();
      const count = this.selectAll.all().length;
      const info = this.insertRule.run(count, definitionOf(rule), now, now);
      const id = Number(info.lastInsertRowid);

      if (position !== undefined && position < count) {
        this.moveWithin(id, position);
      }

      return this.get(id);
    });
  }

  /** Replaces a rule's definition, keeping its place. */
  update(id: number, rule: MockRule): MockRuleRecord {
    return this.change(() => {
      const current = this.get(id);
      this.assertNameFree(rule.name, id);
      this.updateRule.run(definitionOf(rule, current.resumeMode), Date.now(), id);
      return this.get(id);
    });
  }

  /** Switches a rule off, or back on to the mode it had before. */
  setEnabled(id: number, enabled: boolean): MockRuleRecord {
    const current = this.get(id);
    const mode: MockMode = enabled ? (current.rule.mode === 'off' ? current.resumeMode : current.rule.mode) : 'off';
    return this.update(id, { ...current.rule, mode });
  }

  /** Moves a rule to a 0-based position; the rules in between shift by one. */
  move(id: number, position: number): MockRuleRecord {
    return this.change(() => {
      this.get(id);
      this.moveWithin(id, position);
      return this.get(id);
    });
  }

  remove(id: number): void {
    this.change(() => {
      this.get(id);
      this.deleteRule.run(id);
      this.renumber((this.selectAll.all() as MockRuleRow[]).map((row) => row.id));
    });
  }

  /**
   * Adds rules from a file. A rule whose name is already stored replaces that rule in its place;
   * the others are appended in file order. With `replace`, every stored rule not in the file is removed first.
   */
  importRules(rules: MockRule[], options: { replace: boolean }): ImportSummary {
    return this.change(() => {
      const summary: ImportSummary = { added: 0, updated: 0, removed: 0 };
      const incoming = new Set(rules.map((rule) => rule.name));

      if (options.replace) {
        for (const record of this.list()) {
          if (!incoming.has(record.rule.name)) {
            this.deleteRule.run(record.id);
            summary.removed += 1;
          }
        }
      }

      const byName = new Map(this.list().map((record) => [record.rule.name, record]));
      const order = this.list().map((record) => record.id);
      const now = Date.now();

      for (const rule of rules) {
        const existing = byName.get(rule.name);

        if (existing === undefined) {
          const info = this.insertRule.run(order.length, definitionOf(rule), now, now);
          order.push(Number(info.lastInsertRowid));
          summary.added += 1;
        } else {
          this.updateRule.run(definitionOf(rule, existing.resumeMode), now, existing.id);
          summary.updated += 1;
        }
      }

      if (options.replace) {
        const fileOrder = rules.map((rule) => byName.get(rule.name)?.id ?? null);
        const appended = order.filter((id) => !fileOrder.includes(id));
        let next = 0;
        this.renumber(fileOrder.map((id) => id ?? (appended[next++] as number)));
      } else {
        this.renumber(order);
      }

      return summary;
    });
  }

  private moveWithin(id: number, position: number): void {
    const order = (this.selectAll.all() as MockRuleRow[]).map((row) => row.id).filter((other) => other !== id);
    order.splice(Math.max(0, Math.min(position, order.length)), 0, id);
    this.renumber(order);
  }

  private renumber(ids: number[]): void {
    ids.forEach((id, position) => this.updatePosition.run(position, id));
  }

  private assertNameFree(name: string, exceptId: number | null): void {
    const clash = this.list().find((record) => record.rule.name === name && record.id !== exceptId);

    if (clash !== undefined) {
      throw new SwitchboardError('invalid_mock_rule', `A mock rule named "${name}" exists already at position ${clash.position + 1} in the list. Give this rule another name.`, {
        problems: [{ index: null, ruleName: name, field: 'name', message: 'another rule has this name' }],
      });
    }
  }

  private change<T>(work: () => T): T {
    // IMMEDIATE takes the write lock before the first read. A deferred transaction that read first
    // fails at once with "database is locked" when the recording thread commits in between.
    const result = this.db.transaction(work).immediate();
    this.emit('changed');
    return result;
  }
}
